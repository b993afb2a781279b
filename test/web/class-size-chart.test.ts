// Issue 17 item 9: the class-size chart is a histogram — sizes grouped into bins, the classes per
// bin, titled axes, and the required k as a line — checked against a naive count of the classes.
import { expect } from 'chai';
import type { ClassSizeBin } from '../../src/core/privacy/k-anonymity.js';
import { binClassSizes, classSizeChart } from '../../src/web/class-size-chart.js';
import { toHtmlString } from '../../src/web/html.js';
import { viewIn } from '../helpers/console-view.js';

/** Sizes 20–48 as the hospital release has them: one class per listed size, some twice. */
const HISTOGRAM: ClassSizeBin[] = [20, 22, 23, 23, 24, 25, 27, 27, 28, 28, 28, 30, 30, 31, 34, 35, 36, 37, 38, 41, 42, 44, 46, 47, 47, 48, 48]
  .reduce<ClassSizeBin[]>((bins, size) => {
    const bin = bins.find((entry) => entry.size === size);
    if (bin) return bins.map((entry) => (entry === bin ? { ...bin, classes: bin.classes + 1, records: bin.records + size } : entry));
    return [...bins, { size, classes: 1, records: size }];
  }, []); // prettier-ignore

describe('web/class-size chart', () => {
  it('groups sizes into at most ten equal bins that keep every class', () => {
    const bins = binClassSizes(HISTOGRAM, 20);
    expect(bins.length).to.be.at.most(10).and.below(HISTOGRAM.length);
    const width = bins[0].to - bins[0].from + 1;
    for (const bin of bins) expect(bin.to - bin.from + 1).to.equal(width);
    // Naive oracle: each class counted in the one bin whose range holds its size.
    for (const bin of bins) {
      const naive = HISTOGRAM.filter((entry) => entry.size >= bin.from && entry.size <= bin.to);
      expect(bin.classes).to.equal(naive.reduce((sum, entry) => sum + entry.classes, 0));
    }
    expect(bins.reduce((sum, bin) => sum + bin.classes, 0)).to.equal(27);
  });

  it('starts the bins at the required k when classes fall below it', () => {
    const bins = binClassSizes(
      [
        { size: 3, classes: 2, records: 6 },
        { size: 40, classes: 1, records: 40 },
      ],
      5,
    );
    expect(bins[0].from).to.be.at.most(3);
    expect(bins.at(-1)?.to).to.be.at.least(40);
  });

  it('draws one bar per bin, titled axes and the k line in the page language', () => {
    const svg = toHtmlString(classSizeChart(viewIn('zh'), HISTOGRAM, 20));
    const bars = svg.match(/<rect /g) ?? [];
    expect(bars.length).to.equal(binClassSizes(HISTOGRAM, 20).length);
    expect(svg).to.include('data-axis="x">等价类大小（每类记录数）');
    expect(svg).to.include('data-axis="y">等价类数');
    expect(svg).to.match(/data-k-line="20"[\s\S]*要求 k = 20/);
    const english = toHtmlString(classSizeChart(viewIn('en'), HISTOGRAM, 20));
    expect(english).to.include('Class size (records per class)').and.include('required k = 20');
  });

  it('marks bins below the required k', () => {
    const svg = toHtmlString(
      classSizeChart(
        viewIn('zh'),
        [
          { size: 3, classes: 2, records: 6 },
          { size: 25, classes: 4, records: 100 },
        ],
        5,
      ),
    );
    expect(svg).to.match(/data-bin="1-\d+"[^>]*>[^]*?fill="#b23b3b"/);
  });
});

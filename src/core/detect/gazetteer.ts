// Place names from the shipped GB/T 2260 tables, full and short (天津市/天津, 和平区/和平), for address spans.
import {
  cityCodesOf,
  cityOf,
  districtCodes,
  districtOf,
  provinceCodes,
  provinceOf,
} from '../regions/index.js';

/** Suffixes a short form drops (内蒙古自治区 → 内蒙古, 和平区 → 和平); the short form keeps 2+ characters. */
const SUFFIXES = [
  '壮族自治区',
  '回族自治区',
  '维吾尔自治区',
  '特别行政区',
  '自治区',
  '自治州',
  '地区',
  '省',
  '市',
  '区',
  '县',
  '盟',
  '旗',
];

/** Short forms that are ordinary words and would start an address anywhere (新区, 城区, 郊区…). */
const AMBIGUOUS_SHORT = new Set([
  '新区',
  '城区',
  '郊区',
  '矿区',
  '市辖',
  '开发',
  '高新',
  '和平',
  '长安',
  '新城',
  '南山',
  '东区',
  '西区',
  '南区',
  '北区',
  '中山',
  '城关',
  '市中',
]);

function placeNames(): string[] {
  const names = new Set<string>();
  const add = (name: string | undefined) => {
    if (name === undefined || name === '市辖区' || name === '县' || name.includes('直辖')) return;
    names.add(name);
    for (const suffix of SUFFIXES)
      if (name.endsWith(suffix) && name.length - suffix.length >= 2) {
        const short = name.slice(0, name.length - suffix.length);
        if (!AMBIGUOUS_SHORT.has(short)) names.add(short);
        break;
      }
  };
  for (const province of provinceCodes) {
    add(provinceOf(province)?.zh);
    for (const city of cityCodesOf(province)) add(cityOf(city)?.officialZh);
  }
  for (const district of districtCodes) add(districtOf(district)?.zh);
  return [...names];
}

let byFirst: Map<number, string[]> | undefined;

/** The longest place name starting at `at` in `text`, or ''. */
export function placeNameAt(text: string, at: number): string {
  byFirst ??= (() => {
    const map = new Map<number, string[]>();
    for (const name of placeNames()) {
      const list = map.get(name.charCodeAt(0)) ?? [];
      list.push(name);
      map.set(name.charCodeAt(0), list);
    }
    for (const list of map.values()) list.sort((a, b) => b.length - a.length);
    return map;
  })();
  const names = byFirst.get(text.charCodeAt(at));
  if (names === undefined) return '';
  return names.find((name) => text.startsWith(name, at)) ?? '';
}

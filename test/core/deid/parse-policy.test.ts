import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';
import {
  parsePolicy,
  PolicyError,
  isReversible,
  hierarchyFiles,
} from '../../../src/core/deid/index.js';

const base = `name: hospital-visits
version: 1
mode: listing
columns:
  name:      { role: identifier, transform: drop }
  id_number: { role: identifier, transform: { derive: [birth_year, sex, province] } }
  phone:     { role: identifier, transform: { mask: { keep_start: 3, keep_end: 4 } } }
  age:       { role: quasi, transform: { bands: { width: 5 } } }
  district:  { role: quasi, hierarchy: hierarchies/district.csv, level: 1 }
  fee:       { role: insensitive, transform: [ { top_bottom: { top: 5000 } }, { round: 100 } ] }
  diagnosis: { role: sensitive }
privacy: { k: 5, l: { diagnosis: 3 }, suppression_limit: 0.05, context: public-release }
`;

function issuesOf(text: string): string[] {
  try {
    parsePolicy(text, 'p.yaml');
  } catch (error) {
    expect(error).to.be.instanceOf(PolicyError);
    return (error as PolicyError).issues.map((i) => i.field);
  }
  throw new Error('expected a PolicyError');
}

describe('core/deid parsePolicy', () => {
  it('parses the issue example into typed steps with lines', () => {
    const policy = parsePolicy(base, 'p.yaml');
    expect(policy.columns.map((c) => c.name)).to.deep.equal([
      'name',
      'id_number',
      'phone',
      'age',
      'district',
      'fee',
      'diagnosis',
    ]);
    const byName = Object.fromEntries(policy.columns.map((c) => [c.name, c]));
    expect(byName.id_number.transforms[0]).to.deep.include({
      kind: 'derive',
      fields: ['birth_year', 'sex', 'province'],
      role: 'quasi',
    });
    expect(byName.phone.transforms[0]).to.deep.equal({
      kind: 'mask',
      keepStart: 3,
      keepEnd: 4,
      maskChar: '*',
    });
    expect(byName.district.transforms).to.deep.equal([
      { kind: 'hierarchy', file: 'hierarchies/district.csv', level: 1 },
    ]);
    expect(byName.fee.transforms.map((t) => t.kind)).to.deep.equal(['top_bottom', 'round']);
    expect(byName.age.line).to.equal(8);
    expect(policy.privacy).to.deep.include({ k: 5, suppressionLimit: 0.05, lModel: 'distinct' });
    expect(hierarchyFiles(policy)).to.deep.equal(['hierarchies/district.csv']);
  });

  const bad: { desc: string; edit: (s: string) => string; want: string[] }[] = [
    {
      desc: 'unknown transform names its line and field',
      edit: (s) => s.replace('transform: drop', 'transform: dorp'),
      want: ['p.yaml:5 columns.name.transform'],
    },
    {
      desc: 'bad parameter points into the step',
      edit: (s) => s.replace('width: 5', 'width: -5'),
      want: ['p.yaml:8 columns.age.transform.bands.width'],
    },
    {
      desc: 'several problems at once, schema and transforms together',
      edit: (s) => s.replace('k: 5', 'k: 0').replace('width: 5', 'width: 0'),
      want: ['p.yaml:12 privacy.k', 'p.yaml:8 columns.age.transform.bands.width'],
    },
    {
      desc: 'l on a column that is not sensitive',
      edit: (s) => s.replace('diagnosis: { role: sensitive }', 'diagnosis: { role: quasi }'),
      want: ['p.yaml:12 privacy.l.diagnosis'],
    },
    {
      desc: 'identifier kept in listing mode',
      edit: (s) => s.replace('{ role: identifier, transform: drop }', '{ role: identifier }'),
      want: ['p.yaml:5 columns.name.role'],
    },
    {
      desc: 'step after drop',
      edit: (s) => s.replace('transform: drop', 'transform: [drop, keep]'),
      want: ['p.yaml:5 columns.name.transform'],
    },
    {
      desc: 'unknown top-level key',
      edit: (s) => s + 'colums: {}\n',
      want: ['p.yaml:1 (document)'],
    },
    {
      desc: 'level without hierarchy',
      edit: (s) => s.replace('transform: { bands: { width: 5 } }', 'level: 2'),
      want: ['p.yaml:8 columns.age.level'],
    },
    {
      desc: 'auto level needs automatic generalization',
      edit: (s) => s.replace('level: 1', 'level: auto'),
      want: ['p.yaml:9 columns.district'],
    },
  ];
  for (const { desc, edit, want } of bad)
    it(`refuses: ${desc}`, () => {
      expect(issuesOf(edit(base))).to.deep.equal(want);
    });

  it('reports YAML syntax errors with code policy_invalid_yaml and a line', () => {
    try {
      parsePolicy('name: x\ncolumns: [a\n', 'p.yaml');
      expect.fail('should throw');
    } catch (error) {
      expect((error as PolicyError).code).to.equal('policy_invalid_yaml');
      expect((error as PolicyError).issues[0].field).to.match(/^p\.yaml:\d+ \(syntax\)$/);
    }
  });

  it('refuses YAML aliases (a billion-laughs document) as policy_invalid_yaml before expanding them', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const text = `name: x\nversion: 1\nmode: listing\ncolumns: {}\nx-bomb:\n  ${levels.join('\n  ')}\n`;
    const started = Date.now();
    const error = (() => {
      try {
        parsePolicy(text, 'bomb.yaml');
      } catch (caught) {
        return caught as PolicyError;
      }
      return expect.fail('should throw');
    })();
    expect(Date.now() - started).to.be.below(2000);
    expect(error.code).to.equal('policy_invalid_yaml');
    expect(error.issues[0].field).to.equal('bomb.yaml:7 (alias)');
    expect(() => parsePolicy(`${base}\nx: *nowhere\n`)).to.throw(PolicyError);
  });

  it('marks reversible steps', () => {
    const policy = parsePolicy(
      base
        .replace('mode: listing', 'mode: internal')
        .replace('transform: drop', 'transform: { pseudonym: { keep_key: true } }')
        .replace('{ role: sensitive }', '{ role: sensitive, transform: tokenize }'),
      'p.yaml',
    );
    const reversible = policy.columns.filter((c) => c.transforms.some(isReversible));
    expect(reversible.map((c) => c.name)).to.deep.equal(['name', 'diagnosis']);
  });

  it('parses every shipped policy', () => {
    const dir = new URL('../../../policies/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).to.be.greaterThan(1);
    for (const file of files) {
      const policy = parsePolicy(readFileSync(new URL(file, dir), 'utf8'), file);
      expect(policy.columns.length, file).to.be.greaterThan(0);
    }
  });
});

describe('core/deid parsePolicy: free text', () => {
  const withNote = (line: string, mode = 'listing') =>
    base
      .replace('mode: listing', `mode: ${mode}`)
      .replace(
        '  diagnosis: { role: sensitive }\n',
        `  diagnosis: { role: sensitive }\n  note: ${line}\n`,
      );

  it('reads role text with scrub, its kinds and what to do with a cell', () => {
    const policy = parsePolicy(
      withNote('{ role: text, transform: { scrub: { kinds: [cn_mobile, cn_name], cell: drop } } }'),
    );
    const note = policy.columns.find((c) => c.name === 'note')!;
    expect(note.role).to.equal('text');
    expect(note.transforms).to.deep.equal([
      { kind: 'scrub', kinds: ['cn_mobile', 'cn_name'], cell: 'drop' },
    ]);
    const plain = parsePolicy(withNote('{ role: text, transform: scrub }'));
    expect(plain.columns.find((c) => c.name === 'note')!.transforms).to.deep.equal([
      { kind: 'scrub', cell: 'placeholder' },
    ]);
  });

  const refusals = [
    { desc: 'a listed text column kept as it is', line: '{ role: text }', field: 'note.transform' },
    {
      desc: 'a listed text column redacted instead of scrubbed',
      line: '{ role: text, transform: redact }',
      field: 'note.transform',
    },
    {
      desc: 'scrub on a column that is not text',
      line: '{ role: sensitive, transform: scrub }',
      field: 'note.role',
    },
    {
      desc: 'an unknown identifier kind',
      line: '{ role: text, transform: { scrub: { kinds: [passport_number] } } }',
      field: 'note.transform.scrub.kinds.0',
    },
  ];
  for (const { desc, line, field } of refusals)
    it(`refuses ${desc}`, () => {
      expect(
        issuesOf(withNote(line)).some((f) => f.endsWith(field)),
        issuesOf(withNote(line)).join(),
      ).to.equal(true);
    });

  it('lets internal mode keep a text column unscrubbed, and listing mode drop it', () => {
    expect(() => parsePolicy(withNote('{ role: text }', 'internal'))).to.not.throw();
    expect(() => parsePolicy(withNote('{ role: text, transform: drop }'))).to.not.throw();
  });
});

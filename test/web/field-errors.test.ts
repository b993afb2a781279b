// Field issues said in the page's language: zod's issues get codes, paths find their form field.
import { expect } from 'chai';
import { z } from 'zod';
import { codeOfZodIssue } from '../../src/services/datasets/parse-input.js';
import { FormErrors, issueMessage, normalizeFieldPath } from '../../src/web/field-errors.js';
import { toHtmlString } from '../../src/web/html.js';
import { viewIn } from '../helpers/console-view.js';

describe('web/field errors', () => {
  it('gives zod issues codes a console can translate', () => {
    const schema = z
      .object({
        reasons: z.string().trim().min(10),
        name: z.string().min(1),
        tags: z.array(z.string()).max(2),
        days: z.number().int().min(1),
        grade: z.enum(['core', 'general']),
        missing: z.string(),
      })
      .strict();
    const parsed = schema.safeParse({
      reasons: 'short',
      name: '',
      tags: ['a', 'b', 'c'],
      days: 1.5,
      grade: 'x',
    });
    const codes = Object.fromEntries(
      (parsed.error?.issues ?? []).map((issue) => [issue.path.join('.'), codeOfZodIssue(issue)]),
    );
    expect(codes).to.deep.equal({
      reasons: { code: 'too_short', params: { min: 10 } },
      name: { code: 'required', params: { min: 1 } },
      tags: { code: 'too_many', params: { max: 2 } },
      days: { code: 'not_integer' },
      grade: { code: 'not_allowed', params: { allowed: 'core, general' } },
      missing: { code: 'required' },
    });
  });

  it('reads the API, zod and query spellings of a path alike', () => {
    expect(normalizeFieldPath('$.where[0].value')).to.equal('where.0.value');
    expect(normalizeFieldPath('body.classification.subjectCategory')).to.equal(
      'classification.subjectCategory',
    );
    expect(normalizeFieldPath('columns[2]')).to.equal('columns.2');
  });

  it('puts each problem under the nearest form field the path names, by its label', () => {
    const view = viewIn('zh');
    const errors = new FormErrors(
      view,
      [
        {
          field: 'columns[1]',
          reason: 'unknown column "x"',
          code: 'unknown_column',
          params: { column: 'x' },
        },
        { field: 'intendedUse', reason: 'describe it', code: 'too_short', params: { min: 10 } },
        { field: 'somewhere.else', reason: 'some English sentence' },
      ],
      {
        columns: { name: 'columns', label: '需要的字段' },
        intendedUse: { name: 'intendedUse', label: '具体用途说明' },
      },
    );
    expect(errors.of('columns')).to.deep.equal(['没有名为“x”的字段。']);
    expect(errors.of('intendedUse')).to.deep.equal(['至少 10 个字。']);
    const summary = toHtmlString(errors.summary());
    expect(summary).to.match(/<strong>具体用途说明<\/strong\s*>：\s*至少 10 个字。/);
    // An issue the form does not name keeps out of the page's language only in English.
    expect(summary).to.include('此项填写有误').and.not.include('somewhere');
    expect(summary).not.to.include('some English sentence');
  });

  it('says an uncoded issue in English as the service wrote it, in Chinese as a plain request to check', () => {
    const issue = { field: 'x', reason: 'want asc or desc' };
    expect(issueMessage(viewIn('en'), issue)).to.equal('want asc or desc');
    expect(issueMessage(viewIn('zh'), issue)).to.equal('此项填写有误，请检查。');
  });

  it('has every issue code in both languages', async () => {
    const { FIELD_ISSUE_CODES } = await import('../../src/core/errors.js');
    const { MESSAGES } = await import('../../src/web/i18n/messages.js');
    for (const code of FIELD_ISSUE_CODES) expect(MESSAGES).to.have.property(`issue.${code}`);
  });
});

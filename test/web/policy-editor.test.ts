// Issue 17 item 6: the run form offers only the shipped policies that fit the dataset (best fit
// selected), and a provider's own policy — pasted, loaded or edited from a shipped one — is run
// from the console, its problems listed by the YAML line they concern, the text kept.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { submitHospitalReview, type SubmittedReview } from '../helpers/console-flow.js';
import { parsePolicy, PolicyError } from '../../src/core/deid/index.js';
import { consoleClient, textOf, visibleText } from '../helpers/console-page.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const HOSPITAL_POLICY = readFileSync('policies/hospital-visits.yaml', 'utf8');

describe('web/policy choice and editor (issue 17 item 6)', function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  let hospital: SubmittedReview;

  before(async () => {
    gateway = await startTestGateway();
    hospital = await submitHospitalReview(gateway);
  });
  after(() => gateway?.stop());

  const options = (html: string) =>
    [...html.matchAll(/<option\s+value="([^"]+)"(\s+selected)?/g)].map((match) => ({
      value: match[1],
      selected: match[2] !== undefined,
    }));

  it('offers only the shipped policies that fit the dataset, the best fit chosen', async () => {
    const fits = await gateway.services.jobs.policyFits(
      hospital.provider.context,
      hospital.datasetId,
    );
    const fitting = fits.filter((fit) => fit.fits).map((fit) => fit.name);
    expect(fitting).to.include('hospital-visits').and.not.include('adult-k5');
    const client = await consoleClient(gateway, hospital.provider.key);
    const { html } = await client.get(`/console/datasets/${hospital.datasetId}`);
    const offered = options(html.slice(html.indexOf('id="field-policy"')));
    expect(offered.map((option) => option.value)).to.deep.equal(fitting);
    expect(offered.find((option) => option.selected)?.value).to.equal('hospital-visits');
  });

  it('starts the editor from a shipped policy on request', async () => {
    const client = await consoleClient(gateway, hospital.provider.key);
    const { html } = await client.get(`/console/datasets/${hospital.datasetId}?edit=adult-k5`);
    const adult = readFileSync('policies/adult-k5.yaml', 'utf8');
    expect(html).to.include(adult.split('\n').find((line) => line.startsWith('name:')));
  });

  async function refusedEdit(edited: string, language: 'zh' | 'en' = 'zh') {
    const client = await consoleClient(gateway, hospital.provider.key, language);
    const reply = await client.post(`/console/datasets/${hospital.datasetId}/jobs`, {
      yaml: edited,
    });
    expect(reply.status).to.equal(400);
    const problems = reply.html.slice(reply.html.indexOf('class="policy-problems"'));
    return {
      html: reply.html,
      lines: [...problems.matchAll(/data-policy-line="(\d*)"/g)].map((match) => match[1]),
      text: textOf(reply.html, 'class="policy-problems"') ?? '',
    };
  }

  it('places a policy the parser refuses on its line, and keeps the text', async () => {
    const edited = HOSPITAL_POLICY.replace('breakpoints: [40, 65]', 'breakpoints: [65, 40]');
    const line = edited.split('\n').findIndex((text) => text.includes('[65, 40]')) + 1;
    const refused = await refusedEdit(edited);
    expect(refused.lines).to.deep.equal([String(line)]);
    expect(refused.text).to.include(`第 ${line} 行`).and.include('columns.age');
    expect(refused.html).to.include('breakpoints: [65, 40]');
  });

  it('places a column the dataset lacks on the line that names it', async () => {
    const edited = HOSPITAL_POLICY.replace(
      'cost_yuan: { role: quasi',
      'cost_in_fen: { role: quasi',
    );
    const line = edited.split('\n').findIndex((text) => text.includes('cost_in_fen')) + 1;
    const refused = await refusedEdit(edited);
    expect(refused.lines).to.include(String(line));
    expect(refused.text).to.include(`第 ${line} 行`).and.include('没有名为“cost_in_fen”的字段');
  });

  // Each edit makes the policy refused for reasons of its own: YAML the parser cannot read, an
  // alias, steps wrong in three ways, l-diversity on a column that is not sensitive, a column of
  // the dataset the listing policy leaves unnamed (the input check, after parsing).
  const REFUSED_EDITS: Record<string, string> = {
    syntax: HOSPITAL_POLICY.replace('privacy:\n', 'privacy: [\n'),
    alias: HOSPITAL_POLICY.replace('k: 20', 'k: &k 20').replace(
      'l: { diagnosis_code: 3 }',
      'l: { diagnosis_code: *k }',
    ),
    steps: HOSPITAL_POLICY.replace('breakpoints: [40, 65]', 'breakpoints: [65, 40]')
      .replace(
        'visit_no: { role: identifier, transform: drop }',
        'visit_no: { role: identifier, transform: blur }',
      )
      .replace('district-1201.csv, level: 1 }', 'district-1201.csv }'),
    notSensitive: HOSPITAL_POLICY.replace('l: { diagnosis_code: 3 }', 'l: { age: 3 }'),
    unnamed: HOSPITAL_POLICY.replace(/^ {2}cost_yuan:.*\n/m, ''),
  };

  /** Each listed problem's reason: the text after the line and the key, without the YAML shown. */
  const reasonsOf = (html: string): string[] =>
    [...html.matchAll(/<li data-policy-line="\d*">([\s\S]*?)<\/li>/g)].map((match) =>
      visibleText(match[1].replace(/<code>[\s\S]*?<\/code>|<pre[\s\S]*?<\/pre>/g, '')).replace(
        /^[^：:]*[：:]\s*/,
        '',
      ),
    );

  /** The parser's English sentences for an edit (empty when only the input check refuses it). */
  const parserReasons = (edited: string): string[] => {
    try {
      parsePolicy(edited, 'edited.yaml');
      return [];
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      return (error.issues ?? []).map((issue) => issue.reason);
    }
  };

  for (const [name, edited] of Object.entries(REFUSED_EDITS))
    it(`says why a policy is refused in 中文 without an English reason (${name})`, async () => {
      const zh = await refusedEdit(edited);
      const en = await refusedEdit(edited, 'en');
      const reasons = reasonsOf(zh.html);
      expect(reasons).to.have.length.above(0);
      expect(reasonsOf(en.html)).to.have.length(reasons.length);
      for (const reason of reasons) {
        expect(reason, reason).to.match(/\p{Script=Han}/u);
        // No English sentence: three English words in a row.
        expect(reason, reason).not.to.match(/[A-Za-z]{2,}(?:[ ,;]+[A-Za-z]{2,}){2}/);
      }
      for (const english of parserReasons(edited)) expect(zh.text).not.to.include(english);
      for (const reason of reasonsOf(en.html)) {
        expect(reason, reason).not.to.match(/\p{Script=Han}/u);
        expect(reason, reason).to.match(/[A-Za-z]{2,}/);
      }
    });

  it('runs a pasted policy that fits', async () => {
    const client = await consoleClient(gateway, hospital.provider.key);
    const reply = await client.post(`/console/datasets/${hospital.datasetId}/jobs`, {
      yaml: HOSPITAL_POLICY,
    });
    expect(reply.status).to.equal(303);
    expect(reply.location).to.match(/^\/console\/jobs\/job_\w+\?done=jobStarted$/);
  });
});

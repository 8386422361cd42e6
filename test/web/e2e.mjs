// End-to-end browser test of the web page (issue 8): Debian's chromium, headless, driven by
// playwright-core. Starts `hedis-mockup serve` on a free port with a throwaway config, data and
// state folder, then signs in, uploads the example deck, watches progress reach 100%, reads the
// summaries, downloads the mockup and opens it with an independent zip reader (Python's zipfile),
// finds the job in history (under the workbook's own file name), uploads a measure file (a broken
// one refused with its file and line, then a good one listed and selected), and checks the
// refusals: a wrong password, a 60 MB upload, a Windows program renamed .xlsx. Screenshots of the main screens go to $HM_TEST_OUTPUT (default
// build/test-output/web).
//
//   HM_CLI=build/tools/cli/hedis-mockup node test/web/e2e.mjs
//
// Exits 0 when every check passes, 1 otherwise: a missing chromium, node module or binary is a
// failure, never a skip.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const cli = path.resolve(process.env.HM_CLI || path.join(repo, 'build/tools/cli/hedis-mockup'));
const chromiumPath = process.env.HM_CHROMIUM || '/usr/bin/chromium';
const outDir = path.resolve(process.env.HM_TEST_OUTPUT || path.join(repo, 'build/test-output/web'));
const started = Date.now();

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}
function check(condition, message) {
  if (!condition) fail(message);
  console.log(`ok   ${message}`);
}

// ---------- preconditions: failures, not skips ----------
for (const [what, file] of [['hedis-mockup binary (HM_CLI)', cli], ['chromium', chromiumPath]]) {
  if (!fs.existsSync(file)) {
    console.error(`FAIL: no ${what} at ${file} (scripts/setup.sh --test installs chromium)`);
    process.exit(1);
  }
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.error(`FAIL: playwright-core is not installed in test/web (scripts/setup.sh --test runs npm ci there): ${e.message}`);
  process.exit(1);
}

// ---------- a throwaway server ----------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-web-e2e-'));
const config = path.join(tmp, 'serve.json');
fs.writeFileSync(config, JSON.stringify({
  server: {
    default_vsd: [path.join(repo, 'examples/vsd')],
    web_dir: path.join(repo, 'web'),
    vsd_cache_dir: path.join(tmp, 'cache'),
    max_upload_mb: 50,
    rate_per_second: 200,
    rate_burst: 1000,
  },
}));
const env = { ...process.env, HEDIS_MOCKUP_HOME: path.join(tmp, 'home') };
const password = 'correct horse battery staple';
const added = spawnSync(cli, ['user', 'add', 'ana', '--config', config], { input: `${password}\n`, env, encoding: 'utf8' });
if (added.status !== 0) {
  console.error(`FAIL: user add: ${added.stderr}`);
  process.exit(1);
}

const server = spawn(cli, ['serve', '--config', config, '--port', '0', '--data', path.join(tmp, 'data'), '--workers', '2'],
  { env, stdio: ['ignore', 'pipe', 'pipe'] });
let serverLog = '';
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`the server did not start:\n${serverLog}`)), 20000);
  const onData = (chunk) => {
    serverLog += chunk;
    const m = /serving on (http:\/\/[^\s]+)/.exec(serverLog);
    if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}):\n${serverLog}`)); });
}).catch((e) => { console.error(`FAIL: ${e.message}`); process.exit(1); });
console.log(`server at ${base}`);

fs.mkdirSync(outDir, { recursive: true });
for (const f of fs.readdirSync(outDir)) if (f.endsWith(".png")) fs.rmSync(path.join(outDir, f));  // last run's
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
// reducedMotion: the page then drops its transitions, so screenshots show the final state.
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
const page = await context.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
page.on('console', (m) => {
  // A refused upload is reported by the browser as a failed resource load: expected.
  if (m.type() === 'error' && !/status of 4(13|15)|Failed to load resource/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
});
// page.waitForFunction evaluates a string in the page, which the page's CSP (no 'unsafe-eval')
// rightly forbids; poll with page.evaluate (run by the debugger protocol) instead.
async function waitUntil(predicate, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate)) return;
    if (Date.now() > end) fail(`timed out waiting for ${predicate}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const shot = (name) => page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });

try {
  // ---------- sign-in ----------
  await page.goto(base + '/');
  await page.locator('#signin').waitFor({ state: 'visible' });
  await page.fill('#user', 'ana');
  await page.fill('#password', 'not the password');
  await page.click('#signin-submit');
  await page.locator('#signin-error').waitFor({ state: 'visible' });
  check(/wrong user name or password/i.test(await page.textContent('#signin-error')), 'a wrong password is refused with a visible message');
  check(await page.locator('#app').isHidden(), 'the application stays hidden after a wrong password');
  await shot('01-signin-refused');

  await page.fill('#password', password);
  await page.click('#signin-submit');
  await page.locator('#app').waitFor({ state: 'visible' });
  check((await page.textContent('#who-name')).includes('ana'), 'signed in as ana');
  await page.locator('#measure option[value="PSA"]').waitFor({ state: 'attached' });
  check(true, 'the measure picker lists PSA');

  // ---------- a measure file of one's own: refused with file:line, then listed and selected ----------
  const badMeasure = path.join(tmp, 'broken measure.yaml');
  fs.writeFileSync(badMeasure, 'measure: X\nname: [unclosed\n');
  await page.setInputFiles('#measure-file', badMeasure);
  await page.locator('#measure-error').waitFor({ state: 'visible' });
  const badMessage = await page.textContent('#measure-error');
  check(/broken measure\.yaml: line \d+/i.test(badMessage), `a broken measure file is refused naming file and line ("${badMessage.trim()}")`);
  const myMeasure = path.join(tmp, 'my-psa.yaml');
  fs.writeFileSync(myMeasure, fs.readFileSync(path.join(repo, 'measures/psa.yaml'), 'utf8').replace(/^name: /m, 'name: My variant of '));
  await page.setInputFiles('#measure-file', myMeasure);
  await waitUntil(() => document.getElementById('measure').value === 'uploaded:PSA', 10000);
  check((await page.textContent('#measure option[value="uploaded:PSA"]')).includes('my-psa.yaml'),
    'an uploaded measure is listed in the picker and selected');
  await shot('01b-measure-uploaded');

  // ---------- refusals: a 60 MB upload, a renamed program ----------
  await page.selectOption('#measure', 'PSA');
  const big = path.join(tmp, 'big_testcases.csv');
  fs.writeFileSync(big, Buffer.alloc(60 * 1000 * 1000, 'a'));
  await page.setInputFiles('#testcases', big);
  check((await page.textContent('.drop[data-field=testcases] .file-size')).trim() === '60.0 MB', 'the chosen file shows its size');
  await page.click('#job-submit');
  await page.locator('#job-error').waitFor({ state: 'visible', timeout: 20000 });
  const bigMessage = await page.textContent('#job-error');
  check(/larger than|50 MB/i.test(bigMessage), `a 60 MB upload is refused with a clear message ("${bigMessage.trim().replace(/\s+/g, ' ')}")`);
  await shot('02-upload-too-large');

  const exe = path.join(tmp, 'PSA_MY2026_TestCases.xlsx');
  fs.writeFileSync(exe, Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(4000, 0)]));
  await page.click('.drop[data-field=testcases] .file-remove');
  await page.setInputFiles('#testcases', exe);
  await page.click('#job-submit');
  await waitUntil(() => {
    const e = document.getElementById('job-error');
    return !e.hidden && /program|executable|not an? /i.test(e.textContent);
  }, 10000);
  const exeMessage = await page.textContent('#job-error');
  check(true, `an .exe renamed .xlsx is refused ("${exeMessage.trim().replace(/\s+/g, ' ')}")`);
  await shot('03-renamed-exe-refused');

  // ---------- the example deck ----------
  await page.click('.drop[data-field=testcases] .file-remove');
  await page.setInputFiles('#testcases', path.join(repo, 'examples/testcases/psa_example.csv'));
  await page.fill('#my', '2026');
  await page.fill('#seed', '7');
  await page.check('#auto_reformat', { force: true });
  await page.click('#job-submit');
  await page.locator('#progress-card').waitFor({ state: 'visible' });
  await waitUntil(() => document.getElementById('progress').getAttribute('aria-valuenow') === '100'
    && !document.getElementById('results').hidden, 45000);
  check((await page.textContent('#progress-pct')).trim() === '100%', 'progress reaches 100%');
  check(/done/i.test(await page.textContent('#progress-phase')), 'the phase says Done');
  const tables = await page.locator('#summaries table caption').allTextContents();
  for (const t of ['Parse', 'Generation', 'Quality', 'Validation']) check(tables.includes(t), `the ${t} summary shows`);
  const parseRows = await page.locator('#summaries table').first().locator('tr').first().locator('td').textContent();
  check(Number(parseRows) > 0, `the parse summary counts ${parseRows} rows`);
  check(await page.locator('#chart svg rect.bar-pass').count() >= 3, 'the pass/fail chart is drawn');
  const sessionId = (await page.textContent('#results-session')).trim();
  check(/^\d{8}_\d{6}_[0-9a-f]{6}$/.test(sessionId), `the results name the audit session ${sessionId}`);
  await shot('04-results');

  // ---------- download the mockup, open it with an independent reader ----------
  const link = page.locator('#downloads a', { hasText: /_Mockup\.xlsx$/ });
  check(await link.count() === 1, 'a download button for the mockup');
  check(await page.locator('#downloads a').count() >= 3, 'download buttons for the reports');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = path.join(tmp, download.suggestedFilename());
  await download.saveAs(saved);
  check(/^PSA_MY2026_Mockup\.xlsx$/.test(download.suggestedFilename()), `downloaded ${download.suggestedFilename()}`);
  const head = fs.readFileSync(saved).subarray(0, 4);
  check(head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])), 'the download is a zip');
  const names = execFileSync('/usr/bin/python3', ['-c',
    'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', saved],
  { encoding: 'utf8' }).split('\n');
  check(names.includes('xl/workbook.xml'), 'Python\'s zipfile opens it and finds xl/workbook.xml');

  // ---------- history and statistics ----------
  await page.click('#tab-history');
  await page.locator('#history-body tr').first().waitFor({ state: 'visible', timeout: 10000 });
  const rows = await page.locator('#history-body tr').allTextContents();
  check(rows.some((r) => r.includes(sessionId) && r.includes('PSA') && r.includes('success')), 'the job is in the history');
  check(rows.some((r) => r.includes(sessionId) && r.includes('psa_example.csv')), 'the history names the workbook as uploaded');
  await page.locator('#stats .stat').first().waitFor();
  check(/\d/.test(await page.textContent('#stats')), 'the statistics of the last 30 days show');
  await page.selectOption('#filter-status', 'failed');
  await waitUntil(() => !document.getElementById('history-empty').hidden
    || !document.getElementById('history-body').textContent.includes('success'), 10000);
  check(true, 'the status filter hides the successful session');
  await page.selectOption('#filter-status', '');
  await page.locator('#history-body tr').first().waitFor();
  await shot('05-history');

  // ---------- sign out ----------
  await page.click('#logout');
  await page.locator('#signin').waitFor({ state: 'visible' });
  check(true, 'signing out returns to the sign-in form');

  check(pageErrors.length === 0, `no JavaScript errors${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}`);
} catch (e) {
  process.exitCode = 1;
  if (!/^FAIL/.test(String(e))) console.error(`FAIL: ${e.stack || e}`);
  try { await shot('zz-failure'); } catch (x) { /* no screenshot */ }
  if (pageErrors.length) console.error(pageErrors.join('\n'));
} finally {
  const t0 = Date.now();
  await browser.close().catch(() => {});
  const t1 = Date.now();
  server.kill('SIGTERM');
  await new Promise((resolve) => { server.once('exit', resolve); setTimeout(resolve, 10000).unref(); });
  console.log(`browser closed in ${t1 - t0} ms, server stopped in ${Date.now() - t1} ms`);
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${process.exitCode ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${outDir}`);
}

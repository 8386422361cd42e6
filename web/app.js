// HEDIS Mockup: the page. Plain JavaScript, no framework, no inline script or style (the CSP
// forbids both): styles only through classes, the CSSOM (el.style.width) and SVG attributes.
// The API it uses: docs/web-api.md.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const state = {
    csrf: '',
    user: null,
    files: { testcases: [], vsd: [], spec: [] },
    jobId: null,
    events: null,
    pollTimer: null,
    measures: [],
  };

  // ---------- small helpers ----------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function formatSize(bytes) {
    if (bytes < 1000) return `${bytes} B`;
    if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
    if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
    return `${(bytes / 1e9).toFixed(2)} GB`;
  }
  function formatTime(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }
  function formatDuration(s) {
    if (s === null || s === undefined) return '—';
    if (s < 60) return `${Number(s).toFixed(1)} s`;
    return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  }
  function fileKind(file) {
    const m = /\.([A-Za-z0-9]{1,8})$/.exec(file.name);
    return m ? m[1].toLowerCase() : (file.type || 'file');
  }
  let toastTimer = null;
  function toast(message) {
    const t = $('toast');
    t.textContent = message;
    t.classList.add('show');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => t.classList.remove('show'), 3500);
  }
  // The API's messages are lower-case clauses ("the upload is larger than ..."): make sentences.
  const sentence = (text) => {
    const t = String(text).trim();
    return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
  };
  function showError(node, error, hint) {
    node.textContent = '';
    node.append(document.createTextNode(sentence(error)));
    if (hint) node.append(el('span', { class: 'alert-hint', text: sentence(hint) }));
    node.hidden = false;
  }

  // ---------- the API ----------
  class ApiError extends Error {
    constructor(status, error, hint) {
      super(error);
      this.status = status;
      this.hint = hint || '';
    }
  }
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    const init = { method, headers, credentials: 'same-origin' };
    if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, 'The server cannot be reached.', 'Check your connection and try again.');
    }
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      if (response.status === 401 && path !== '/api/login') signedOut('Your session ended. Please sign in again.');
      throw new ApiError(response.status, (data && data.error) || `The server answered ${response.status}.`, data && data.hint);
    }
    return data;
  }

  // ---------- signing in ----------
  function signedIn(session) {
    state.csrf = session.csrf_token;
    state.user = session;
    $('who-name').textContent = session.admin ? `${session.user} (admin)` : session.user;
    $('who').hidden = false;
    $('signin').hidden = true;
    $('app').hidden = false;
    loadMeasures();
  }
  function signedOut(message) {
    stopWatching();
    state.csrf = '';
    state.user = null;
    $('who').hidden = true;
    $('app').hidden = true;
    $('signin').hidden = false;
    const err = $('signin-error');
    if (message) showError(err, message); else err.hidden = true;
    $('user').focus();
  }

  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = $('user').value.trim();
    const password = $('password').value;
    const err = $('signin-error');
    if (!user || !password) {
      showError(err, 'Enter your user name and password.');
      return;
    }
    const button = $('signin-submit');
    button.disabled = true;
    try {
      const session = await api('POST', '/api/login', { user, password });
      $('password').value = '';
      err.hidden = true;
      signedIn(session);
    } catch (e) {
      showError(err, e.status === 401 ? 'Wrong user name or password.' : e.message, e.status === 401 ? '' : e.hint);
      $('password').select();
    } finally {
      button.disabled = false;
    }
  });

  $('logout').addEventListener('click', async () => {
    try { await api('POST', '/api/logout'); } catch (e) { /* signed out anyway */ }
    signedOut();
    toast('Signed out');
  });

  // ---------- measures ----------
  // The picker's value is the measure's `key`: the id for a shipped measure, "uploaded:ID" for one
  // of the user's uploads (an upload may share a shipped measure's id).
  const measureKey = (m) => m.key || m.id;
  async function loadMeasures(selectKey) {
    const select = $('measure');
    const filter = $('filter-measure');
    try {
      const data = await api('GET', '/api/measures');
      state.measures = data.measures || [];
      select.textContent = '';
      select.append(el('option', { value: '', text: 'Choose a measure…' }));
      filter.textContent = '';
      filter.append(el('option', { value: '', text: 'All' }));
      const shipped = el('optgroup', { label: 'Shipped measures' });
      const uploaded = el('optgroup', { label: 'Your uploaded measures' });
      const ids = new Set();
      for (const m of state.measures) {
        const label = m.name ? `${m.id} — ${m.name}` : m.id;
        const option = el('option', { value: measureKey(m), text: m.uploaded ? `${label} (${m.file_name})` : label });
        (m.uploaded ? uploaded : shipped).append(option);
        if (!ids.has(m.id)) filter.append(el('option', { value: m.id, text: m.id }));
        ids.add(m.id);
      }
      select.append(shipped);
      if (uploaded.children.length) select.append(uploaded);
      if (selectKey) {
        select.value = selectKey;
        select.dispatchEvent(new Event('change'));
      }
    } catch (e) {
      select.textContent = '';
      select.append(el('option', { value: '', text: 'Measures could not be loaded' }));
    }
  }
  $('measure').addEventListener('change', () => {
    const m = state.measures.find((x) => measureKey(x) === $('measure').value);
    const info = $('measure-info');
    if (!m) { info.textContent = ''; return; }
    const parts = [];
    if (m.product_lines && m.product_lines.length) parts.push(m.product_lines.join(', '));
    if (m.age_min !== undefined) parts.push(m.age_max >= 120 ? `age ${m.age_min}+` : `age ${m.age_min}–${m.age_max}`);
    if (m.numerators && m.numerators.length) parts.push(`numerators ${m.numerators.join(', ')}`);
    if (m.uploaded) parts.push(`uploaded ${formatTime(m.uploaded_at)}`);
    info.textContent = parts.join(' · ');
  });

  // A measure file of the user's own: checked by the server (errors name the file and line),
  // then offered in the picker and selected.
  $('measure-file').addEventListener('change', async () => {
    const input = $('measure-file');
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    const err = $('measure-error');
    err.hidden = true;
    const label = $('measure-upload-label');
    label.textContent = 'Checking…';
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const response = await fetch('/api/measures', {
        method: 'POST', body: form, credentials: 'same-origin',
        headers: { 'X-CSRF-Token': state.csrf, Accept: 'application/json' },
      });
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      if (response.status === 401) { signedOut('Your session ended. Please sign in again.'); return; }
      if (!response.ok) {
        showError(err, (data && data.error) || `The server answered ${response.status}.`, data && data.hint);
        return;
      }
      await loadMeasures(data.measure.key);
      const warnings = data.warnings || [];
      if (warnings.length) showError(err, `Uploaded, with a warning: ${warnings[0]}`);
      toast(`Measure ${data.measure.id} uploaded`);
    } catch (e) {
      showError(err, 'The server cannot be reached.', 'Check your connection and try again.');
    } finally {
      label.textContent = 'Upload a measure file…';
    }
  });

  // ---------- files: inputs and drag-and-drop ----------
  function renderFiles(zone) {
    const field = zone.dataset.field;
    const list = zone.querySelector('.files');
    list.textContent = '';
    for (const [i, file] of state.files[field].entries()) {
      const remove = el('button', { type: 'button', class: 'file-remove', 'aria-label': `Remove ${file.name}`, text: '×' });
      remove.addEventListener('click', () => {
        state.files[field].splice(i, 1);
        if (!state.files[field].length) zone.querySelector('input').value = '';
        renderFiles(zone);
      });
      list.append(el('li', { class: 'file' },
        el('span', { class: 'file-type', text: fileKind(file) }),
        el('span', { class: 'file-name', title: file.name, text: file.name }),
        el('span', { class: 'file-size', text: formatSize(file.size) }),
        remove));
    }
    zone.classList.toggle('has-files', state.files[field].length > 0);
  }
  function setFiles(zone, fileList) {
    const field = zone.dataset.field;
    const files = Array.from(fileList);
    if (!files.length) return;
    state.files[field] = zone.dataset.multiple ? state.files[field].concat(files) : [files[0]];
    renderFiles(zone);
    $('job-error').hidden = true;
  }
  for (const zone of document.querySelectorAll('.drop')) {
    const input = zone.querySelector('input[type=file]');
    input.addEventListener('change', () => setFiles(zone, input.files));
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dragover'); });
    zone.addEventListener('dragenter', (e) => { e.preventDefault(); zone.classList.add('dragover'); });
    zone.addEventListener('dragleave', (e) => { if (!zone.contains(e.relatedTarget)) zone.classList.remove('dragover'); });
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('dragover');
      if (e.dataTransfer && e.dataTransfer.files) setFiles(zone, e.dataTransfer.files);
    });
  }
  // A file dropped outside a zone must not make the browser navigate away.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  // ---------- submitting a job ----------
  function upload(form) {
    // XMLHttpRequest rather than fetch: it reports upload progress.
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/jobs');
      xhr.setRequestHeader('X-CSRF-Token', state.csrf);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.responseType = 'text';
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100), 'Uploading', true);
      });
      xhr.addEventListener('load', () => {
        let data = null;
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
        if (xhr.status >= 200 && xhr.status < 300 && data) resolve(data);
        else {
          if (xhr.status === 401) signedOut('Your session ended. Please sign in again.');
          reject(new ApiError(xhr.status, (data && data.error) || `The server answered ${xhr.status}.`, data && data.hint));
        }
      });
      xhr.addEventListener('error', () => reject(new ApiError(0, 'The upload was cut off by the server.',
        'The files may be larger than the server accepts (50 MB by default). Upload smaller files.')));
      xhr.send(form);
    });
  }

  $('job-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const err = $('job-error');
    err.hidden = true;
    const measure = $('measure').value;
    if (!measure) { showError(err, 'Choose a measure.'); $('measure').focus(); return; }
    if (!state.files.testcases.length) { showError(err, 'Add the test-case workbook (.xlsx or .csv).'); return; }
    const my = $('my').value.trim();
    if (my && !(Number(my) >= 1900 && Number(my) <= 2200)) {
      showError(err, 'The measurement year must be between 1900 and 2200.');
      $('my').setAttribute('aria-invalid', 'true');
      $('my').focus();
      return;
    }
    $('my').removeAttribute('aria-invalid');

    const form = new FormData();
    form.append('measure', measure);
    form.append('testcases', state.files.testcases[0], state.files.testcases[0].name);
    for (const f of state.files.vsd) form.append('vsd', f, f.name);
    if (state.files.spec.length) form.append('spec', state.files.spec[0], state.files.spec[0].name);
    if (my) form.append('my', my);
    const seed = $('seed').value.trim();
    if (seed) form.append('seed', seed);
    if ($('auto_reformat').checked) form.append('auto_reformat', '1');
    if ($('skip_attention').checked) form.append('skip_attention', '1');

    stopWatching();
    const button = $('job-submit');
    button.disabled = true;
    button.textContent = 'Uploading…';
    $('results').hidden = true;
    $('welcome').hidden = true;
    $('progress-error').hidden = true;
    $('progress-card').hidden = false;
    $('progress').classList.remove('done', 'failed', 'cancelled');
    $('job-cancel').hidden = true;
    setProgress(0, 'Uploading', true);
    try {
      const job = await upload(form);
      state.jobId = job.job_id;
      setProgress(0, 'Queued');
      watch(job.job_id);
    } catch (e) {
      $('progress-card').hidden = true;
      $('welcome').hidden = false;
      showError(err, e.message, e.hint);
      resetButton();
    }
  });
  function resetButton() {
    const button = $('job-submit');
    button.disabled = false;
    button.textContent = 'Generate mockup';
  }

  // ---------- progress ----------
  function setProgress(pct, phase, uploading) {
    const p = Math.max(0, Math.min(100, Number(pct) || 0));
    $('progress-fill').style.width = `${p}%`;  // CSSOM: allowed by style-src 'self'
    $('progress').setAttribute('aria-valuenow', String(p));
    $('progress').setAttribute('aria-valuetext', `${uploading ? 'Uploading ' : ''}${p}% ${phase || ''}`.trim());
    $('progress-pct').textContent = `${p}%`;
    $('progress-phase').textContent = phase || '';
  }
  function stopWatching() {
    if (state.events) { state.events.close(); state.events = null; }
    if (state.pollTimer) { clearTimeout(state.pollTimer); state.pollTimer = null; }
  }
  const FINISHED = ['succeeded', 'failed', 'cancelled'];
  function onJob(job) {
    if (!job || job.job_id !== state.jobId) return;
    setProgress(job.progress, job.phase || job.status);
    $('job-cancel').hidden = FINISHED.includes(job.status) || job.phase === 'Cancelling';
    if (FINISHED.includes(job.status)) {
      stopWatching();
      finished(job);
    }
  }
  function watch(id) {
    if (typeof EventSource === 'undefined') { poll(id); return; }
    const source = new EventSource(`/api/jobs/${encodeURIComponent(id)}/events`);
    state.events = source;
    const handle = (e) => { try { onJob(JSON.parse(e.data)); } catch (x) { /* ignore a bad line */ } };
    source.addEventListener('progress', handle);
    source.addEventListener('done', handle);
    source.addEventListener('message', handle);
    source.addEventListener('error', () => {
      // The stream ended or broke: fall back to polling until the job finishes.
      if (state.events === source) {
        source.close();
        state.events = null;
        poll(id);
      }
    });
  }
  async function poll(id) {
    if (state.jobId !== id) return;
    try {
      const job = await api('GET', `/api/jobs/${encodeURIComponent(id)}`);
      onJob(job);
      if (FINISHED.includes(job.status)) return;
    } catch (e) {
      if (e.status === 401 || e.status === 404) return;
    }
    state.pollTimer = setTimeout(() => poll(id), 1000);
  }

  // A queued job stops at once; a running one at its next check (the stream then reports it).
  $('job-cancel').addEventListener('click', async () => {
    const id = state.jobId;
    if (!id) return;
    const button = $('job-cancel');
    button.disabled = true;
    try {
      onJob(await api('POST', `/api/jobs/${encodeURIComponent(id)}/cancel`));
    } catch (e) {
      toast(`Cancel: ${e.message}`);
    } finally {
      button.disabled = false;
    }
  });

  // ---------- results ----------
  function finished(job) {
    resetButton();
    const bar = $('progress');
    $('job-cancel').hidden = true;
    if (job.status === 'cancelled') {
      bar.classList.add('cancelled');
      setProgress(job.progress, 'Cancelled');
      $('results').hidden = true;
      toast(sentence(job.error || 'The job was cancelled'));
      return;
    }
    if (job.status === 'failed') {
      bar.classList.add('failed');
      setProgress(job.progress, 'Failed');
      showError($('progress-error'), job.error || 'The job failed.');
      $('results').hidden = true;
      return;
    }
    bar.classList.add('done');
    setProgress(100, job.phase || 'Done');
    renderResults(job);
  }

  function verdict(report) {
    if (!report) return ['badge', 'No report'];
    if (!report.exported) return ['badge badge-fail', 'Not exported: quality errors'];
    if (report.validation && report.validation.failed > 0) return ['badge badge-fail', 'Validation failures'];
    if ((report.quality && report.quality.warnings > 0) || (report.parse && report.parse.with_assumptions > 0)) {
      return ['badge badge-warn', 'Passed with warnings'];
    }
    return ['badge badge-pass', 'All checks passed'];
  }

  function summaryTable(caption, rows) {
    const body = el('tbody');
    for (const [label, value] of rows) {
      body.append(el('tr', {}, el('th', { scope: 'row', text: label }), el('td', { class: 'num', text: String(value ?? '—') })));
    }
    return el('table', { class: 'table summary-table' }, el('caption', { text: caption }), body);
  }

  function components(r) {
    const p = r.parse || {}, s = r.scenarios || {}, q = r.quality || {}, v = r.validation || {};
    const qualityClean = (q.errors || 0) === 0 && (q.warnings || 0) === 0;
    return [
      { name: 'Parse', pass: p.understood || 0, warn: p.with_assumptions || 0, fail: (p.needs_attention || 0) + (p.removed || 0) },
      { name: 'Scenarios', pass: s.generated || 0, warn: s.skipped || 0, fail: s.precheck_failed || 0 },
      { name: 'Quality', pass: qualityClean ? 1 : 0, warn: q.warnings || 0, fail: q.errors || 0, label: qualityClean ? 'no issues' : null },
      { name: 'Validation', pass: v.passed || 0, warn: v.not_checkable || 0, fail: v.failed || 0 },
    ];
  }

  function renderChart(report) {
    const rows = components(report);
    const width = 560, rowH = 34, labelW = 96, countW = 120, barW = width - labelW - countW;
    const height = rows.length * rowH + 4;
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc' });
    root.append(svg('title', { id: 'chart-title' }, 'Pass and fail per component'));
    const desc = rows.map((c) => `${c.name}: ${c.label || `${c.pass} pass, ${c.warn} warning, ${c.fail} fail`}`).join('; ');
    root.append(svg('desc', { id: 'chart-desc' }, desc));
    rows.forEach((c, i) => {
      const y = i * rowH + 6;
      const g = svg('g', {});
      g.append(svg('text', { x: 0, y: y + 15 }, c.name));
      const total = c.pass + c.warn + c.fail;
      g.append(svg('rect', { x: labelW, y, width: barW, height: 20, rx: 4, class: 'bar-none' }));
      let x = labelW;
      for (const [key, cls] of [['pass', 'bar-pass'], ['warn', 'bar-warn'], ['fail', 'bar-fail']]) {
        if (!total || !c[key]) continue;
        const w = (c[key] / total) * barW;
        const rect = svg('rect', { x: x.toFixed(1), y, width: Math.max(w, 2).toFixed(1), height: 20, class: cls });
        rect.append(svg('title', {}, `${c.name}: ${c[key]} ${key}`));
        g.append(rect);
        x += w;
      }
      const text = c.label || (total ? `${c.pass} ✓  ${c.warn ? `${c.warn} ⚠  ` : ''}${c.fail} ✗` : 'none');
      g.append(svg('text', { x: labelW + barW + 10, y: y + 15, class: 'count' }, text));
      root.append(g);
    });
    const holder = $('chart');
    holder.textContent = '';
    holder.append(root);
  }

  function renderResults(job) {
    const r = job.report || {};
    const [cls, text] = verdict(job.report);
    const badge = $('results-badge');
    badge.className = cls;
    badge.textContent = text;
    $('results-meta').textContent =
      `${job.measure} · MY ${job.my} · seed ${job.seed} · ${r.members ?? 0} members · finished ${formatTime(job.finished)}`;
    const session = el('span', { class: 'mono', id: 'results-session', text: job.session_id || '' });
    $('results-meta').append(' · session ', session);
    renderChart(r);

    const p = r.parse || {}, s = r.scenarios || {}, q = r.quality || {}, v = r.validation || {};
    const summaries = $('summaries');
    summaries.textContent = '';
    summaries.append(
      summaryTable('Parse', [['Rows', p.rows], ['Understood', p.understood], ['With assumptions', p.with_assumptions],
        ['Needs attention', p.needs_attention], ['Removed', p.removed]]),
      summaryTable('Generation', [['Members', r.members], ['Scenarios generated', s.generated], ['Skipped', s.skipped],
        ['Pre-check failed', s.precheck_failed]]),
      summaryTable('Quality', [['Errors', q.errors], ['Warnings', q.warnings], ['Exported', r.exported ? 'yes' : 'no']]),
      summaryTable('Validation', [['Checked', v.checked], ['Passed', v.passed], ['Failed', v.failed], ['Not checkable', v.not_checkable]]));
    if (r.rows_by_table) {
      const rows = Object.entries(r.rows_by_table).filter(([, n]) => n > 0);
      if (rows.length) summaries.append(summaryTable('Rows per table', rows));
    }

    const downloads = $('downloads');
    downloads.textContent = '';
    for (const name of job.outputs || []) {
      downloads.append(el('li', {}, el('a', {
        class: 'btn btn-download', href: `/api/jobs/${encodeURIComponent(job.job_id)}/files/${encodeURIComponent(name)}`,
        download: name, text: name,
      })));
    }
    if (!(job.outputs || []).length) downloads.append(el('li', { class: 'muted', text: 'No files were written.' }));
    renderDraft(job);
    $('results').hidden = false;
  }

  // The measure drafted from the spec PDF (for review only; the job ran with its own measure).
  function renderDraft(job) {
    const box = $('results-draft');
    box.textContent = '';
    const d = job.draft;
    box.hidden = !d;
    if (!d) return;
    const label = el('strong', { text: 'Measure draft from the spec: ' });
    if (d.error || !d.file) {  // the job still ran: a warning, not a failure
      box.append(el('p', { class: 'alert alert-warn', id: 'results-draft-text' }, label, d.error || 'no draft was written'));
      return;
    }
    const n = d.review || 0;
    box.append(el('p', { id: 'results-draft-text' }, label,
      `${d.loads ? 'loads' : 'does not load'}, ${n} ${n === 1 ? 'item' : 'items'} to review`));
    box.append(el('a', {
      class: 'btn btn-download', href: `/api/jobs/${encodeURIComponent(job.job_id)}/files/${encodeURIComponent(d.file)}`,
      download: d.file, text: d.file,
    }));
    if (!d.loads && d.load_error) box.append(el('p', { class: 'hint', text: d.load_error }));
  }

  // ---------- history and statistics ----------
  async function loadHistory() {
    const params = new URLSearchParams({ limit: '100' });
    if ($('filter-measure').value) params.set('measure', $('filter-measure').value);
    if ($('filter-status').value) params.set('status', $('filter-status').value);
    const body = $('history-body');
    try {
      const data = await api('GET', `/api/history?${params}`);
      body.textContent = '';
      const sessions = data.sessions || [];
      for (const s of sessions) {
        const status = s.status || 'unknown';
        body.append(el('tr', {},
          el('td', { text: formatTime(s.timestamp_start) }),
          el('td', { text: s.measure || '—' }),
          el('td', { text: s.testcase_name || s.testcase_file || '—' }),
          el('td', { text: s.user || '—' }),
          el('td', {}, el('span', { class: `status status-${status}`, text: status })),
          el('td', { class: 'num', text: s.members_generated ?? '—' }),
          el('td', { class: 'num', text: formatDuration(s.duration_seconds) }),
          el('td', { class: 'mono', text: s.session_id || '' })));
      }
      $('history-empty').hidden = sessions.length > 0;
    } catch (e) {
      toast(`History: ${e.message}`);
    }
  }
  async function loadStats() {
    const dl = $('stats');
    try {
      const st = await api('GET', '/api/stats?days=30');
      dl.textContent = '';
      const stat = (label, value, cls) => dl.append(el('div', { class: `stat ${cls || ''}` }, el('dt', { text: label }), el('dd', { text: value })));
      stat('Generations', String(st.total_generations));
      stat('Successful', String(st.successful_generations));
      stat('Failed', String(st.failed_generations));
      stat('Success rate', `${Number(st.success_rate || 0).toFixed(1)}%`);
      stat('Avg duration', formatDuration(st.avg_duration_seconds));
      stat('Members generated', String(st.total_members_generated));
      const per = Object.entries(st.measures || {}).map(([m, x]) => `${m}: ${x.total} (${x.successful} ok, ${x.failed} failed)`);
      if (per.length) stat('By measure', per.join(' · '), 'stat-measures');
    } catch (e) {
      toast(`Statistics: ${e.message}`);
    }
  }
  $('history-filters').addEventListener('change', loadHistory);
  $('history-filters').addEventListener('submit', (e) => { e.preventDefault(); loadHistory(); });
  $('history-refresh').addEventListener('click', () => { loadHistory(); loadStats(); });

  // ---------- tabs ----------
  function showView(name) {
    for (const v of ['generate', 'history']) {
      $(`view-${v}`).hidden = v !== name;
      if (v === name) $(`tab-${v}`).setAttribute('aria-current', 'page');
      else $(`tab-${v}`).removeAttribute('aria-current');
    }
    if (name === 'history') { loadHistory(); loadStats(); }
  }
  $('tab-generate').addEventListener('click', () => showView('generate'));
  $('tab-history').addEventListener('click', () => showView('history'));

  // ---------- start ----------
  (async () => {
    try {
      const response = await fetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.ok) { signedIn(await response.json()); return; }
    } catch (e) { /* not signed in */ }
    signedOut();
  })();
})();

import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BUSY_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { bundleServer, startServer, type ServerProcess } from './server-process.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts');

describe('the dashboard in headless Chromium', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(
      !runcAvailable() || !existsSync(CHROMIUM),
      'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)',
    ).toBe(false),
  );
  const root = mkdtempSync(join(tmpdir(), 'katamon-dashboard-root-'));
  const containers: RuncContainer[] = [];
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    bundleServer();
    containers.push(
      await startRuncContainer({
        root,
        id: `dash-busy-${Math.random().toString(36).slice(2, 6)}`,
        command: BUSY_COMMAND,
        cpuQuota: { quota: 50_000, period: 100_000 },
      }),
    );
    containers.push(await startRuncContainer({ root, id: `dash-idle-${Math.random().toString(36).slice(2, 6)}` }));
    server = await startServer(['--root', root]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    for (const c of containers) await c.delete();
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('lists the containers and charts live data of the busy one', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const offsite: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.address)) offsite.push(request.url());
    });
    const busy = containers[0]!;
    await page.goto(`${server.address}/#id=${busy.id}`);

    // The list is filled by a fetch after load: poll until it holds every container.
    const listed = () =>
      page.locator('#containers li').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')).sort());
    await expect.poll(listed, { timeout: 20_000 }).toEqual(containers.map((c) => c.id).sort());
    await expect.poll(() => page.locator('#selected').textContent()).toBe(busy.id);

    // Live: the sample counter advances, and the CPU chart holds a real non-zero rate (the busy loop).
    await expect
      .poll(async () => Number((await page.locator('body').getAttribute('data-samples')) ?? 0), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(4);
    const charts = await page.locator('.uplot').count();
    expect(charts).toBe(4);
    const latest = async (chart: string) =>
      JSON.parse((await page.locator(`#chart-${chart} .latest`).getAttribute('data-values')) ?? '[]') as number[];
    // 50 % quota: the busy loop shows as tens of percent of one core.
    const [cpu] = await latest('cpu');
    expect(cpu).toBeGreaterThan(5);
    expect(cpu).toBeLessThan(100);
    const [usage, workingSet] = await latest('memory');
    expect(usage).toBeGreaterThan(0);
    expect(workingSet).toBeLessThanOrEqual(usage!);
    expect(await latest('network')).toHaveLength(2);
    expect(await latest('blkio')).toHaveLength(2);
    expect(await page.locator('#chart-cpu .latest').textContent()).toMatch(/^cpu %: \d+\.\d%$/);

    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(offsite).toEqual([]);
    await page.close();
  }, 60_000);

  it('with --token-file: asks for the token, refuses a wrong one, then charts; a token in the address works too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'katamon-dashboard-token-'));
    const token = `dash-${Math.random().toString(36).slice(2)}`;
    writeFileSync(join(dir, 'token'), `${token}\n`);
    const secured = await startServer(['--root', root, '--token-file', join(dir, 'token')]);
    const busy = containers[0]!;
    const samplesOf = (page: Page) => async () =>
      Number((await page.locator('body').getAttribute('data-samples')) ?? 0);
    try {
      const page = await browser.newPage();
      await page.goto(`${secured.address}/#id=${busy.id}`);
      await expect
        .poll(() => page.locator('#status').textContent(), { timeout: 20_000 })
        .toBe('this server needs a bearer token');
      await page.fill('#token', 'wrong');
      await page.click('#token-form button');
      await expect
        .poll(() => page.locator('#status').textContent(), { timeout: 20_000 })
        .toBe('the bearer token was refused');
      await page.fill('#token', token);
      await page.click('#token-form button');
      await expect.poll(samplesOf(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      expect(await page.locator('#selected').textContent()).toBe(busy.id);
      await page.close();

      const linked = await browser.newPage();
      await linked.goto(`${secured.address}/#token=${token}&id=${busy.id}`);
      await expect.poll(samplesOf(linked), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      // Taken once, then gone from the address bar (and so from history and screenshots); the id stays.
      expect(linked.url()).toBe(`${secured.address}/#id=${busy.id}`);
      await linked.close();
    } finally {
      await secured.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

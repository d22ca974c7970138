// Launches Debian's headless Chromium through playwright-core (no downloaded browsers) and runs
// named steps, printing "ok - …" / "not ok - …" and a closing "N passed, N failed" line.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function launch(viewport = DESKTOP) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'coffer-drive-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

export class Steps {
  constructor() {
    this.passed = 0;
    this.failed = 0;
  }

  async run(name, fn) {
    const started = Date.now();
    try {
      await fn();
      this.passed++;
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (e) {
      this.failed++;
      console.log(`not ok - ${name}: ${(e && e.stack) || e}`);
      if (this.onFailure) await this.onFailure(name).catch(() => {});
      return false;
    }
  }

  summary() {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0 ? 0 : 1;
  }
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(150); // let transitions settle
  await page.screenshot({ path: join(SCREENSHOTS, name + '.png') });
  console.log(`screenshot - docs/screenshots/${name}.png`);
}

/** A picture of the page when a step fails, in ui-tests/failures/ (not committed). */
export async function failureShot(page, stepName) {
  const dir = fileURLToPath(new URL('../failures/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, stepName.replace(/[^a-z0-9]+/gi, '-').slice(0, 60) + '.png');
  await page.screenshot({ path });
  console.log(`failure screenshot - ${path}`);
}

export function assert(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
}

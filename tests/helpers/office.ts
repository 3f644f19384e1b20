import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

export const SOFFICE = '/usr/bin/soffice';

/** Whether to skip the LibreOffice tests: only where it is not installed and CI is not set (CI installs it, see .ci/run). */
export function skipWithoutOffice(): boolean {
  const skip = !existsSync(SOFFICE) && !process.env.CI;
  if (skip)
    console.warn(
      `Skipping the LibreOffice tests: ${SOFFICE} is missing (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui). They always run when CI is set.`,
    );
  return skip;
}

/**
 * Converts a file as a user's office suite would open it: headless LibreOffice, with a private
 * profile per call so parallel runs never share a lock. Returns the converted file's path.
 */
export async function convertWithOffice(file: string, format: string, outDir = mkdtempSync(path.join(tmpdir(), 'clausewatch-office-'))): Promise<string> {
  const profile = mkdtempSync(path.join(tmpdir(), 'clausewatch-office-profile-'));
  try {
    await promisify(execFile)(
      SOFFICE,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, file],
      {
        timeout: 120_000,
      },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const converted = path.join(outDir, `${path.basename(file, path.extname(file))}.${format.split(':')[0]}`);
  if (!existsSync(converted)) throw new Error(`LibreOffice wrote no ${converted}`);
  return converted;
}

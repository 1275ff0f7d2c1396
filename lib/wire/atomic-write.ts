// Replace a file so that readers (and a crash) see either the old content or
// the complete new content, never a prefix: write a sibling temp file, fsync
// it, rename over the target (atomic within a filesystem), then fsync the
// directory so the rename itself survives a power loss.
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}`;
}

export async function writeFileAtomic(path: string, chunks: readonly Uint8Array[]): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    const fh = await open(tmp, 'w');
    try {
      // writeFile (not write) loops until every byte is written.
      for (const c of chunks) await fh.writeFile(c);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dirname(path));
}

async function syncDir(dir: string): Promise<void> {
  // Best effort: some platforms/filesystems refuse to open or fsync a
  // directory; the file content is already safe either way.
  try {
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    /* ignored on purpose, see above */
  }
}

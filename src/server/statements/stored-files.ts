import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FileStorage } from '../storage/file-storage';

/**
 * Statement files can be hundreds of megabytes, so they move through storage as streams: an
 * upload is spooled to a file next to the stored files while it arrives, then renamed into place,
 * and the import job reads it back as a stream. `withFileStreams` adds that to the local storage;
 * a storage without it (another backend, a test double) still works, holding one file in memory.
 */
export interface FileStreams {
  /** A folder on the same file system as the stored files, where uploads wait on their way in. */
  readonly spoolDir: string;
  /** Moves a complete file into storage under `key` (a rename when it can: no copy, nothing in memory). */
  putFile(key: string, file: string): Promise<void>;
  /** The stored file as a stream of bytes. */
  openRead(key: string): Readable;
}

const streamsOf = new WeakMap<FileStorage, FileStreams>();

/** The local storage rooted at `root` (the one `localFileStorage(root)` writes), able to stream. */
export function withFileStreams<T extends FileStorage>(storage: T, root: string): T {
  const resolve = (key: string) => {
    if (!/^[a-z0-9/_-]+$/i.test(key) || key.includes('..')) {
      throw new Error(`invalid storage key ${key}`);
    }
    return path.join(root, key);
  };
  const spoolDir = path.join(root, '.incoming');
  streamsOf.set(storage, {
    spoolDir,
    async putFile(key, file) {
      const target = resolve(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.chmod(file, 0o600);
      try {
        await fs.promises.rename(file, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') { // fs rejects with errno errors
          throw error;
        }
        // A file spooled on another file system (a caller's temp folder): copy, then remove.
        const partial = `${target}.partial`;
        await fs.promises.copyFile(file, partial);
        await fs.promises.rename(partial, target);
        await fs.promises.rm(file, { force: true });
      }
    },
    openRead(key) {
      return fs.createReadStream(resolve(key), { highWaterMark: 64 * 1024 });
    },
  });
  return storage;
}

/** Where uploads for `storage` are spooled (created on first use). */
export async function spoolDirFor(storage: FileStorage): Promise<string> {
  const dir = streamsOf.get(storage)?.spoolDir ?? path.join(os.tmpdir(), 'tickmark-incoming');
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Moves a spooled file into storage under `key`; the spooled file is gone afterwards. */
export async function storeSpooledFile(storage: FileStorage, key: string, file: string): Promise<void> {
  const streams = streamsOf.get(storage);
  if (streams) {
    await streams.putFile(key, file);
    return;
  }
  await storage.put(key, await fs.promises.readFile(file));
  await fs.promises.rm(file, { force: true });
}

/** A stored file as a stream of bytes. */
export function readStoredFile(storage: FileStorage, key: string): Readable {
  const streams = streamsOf.get(storage);
  if (streams) {
    return streams.openRead(key);
  }
  return Readable.from(
    (async function* () {
      yield await storage.read(key);
    })(),
  );
}

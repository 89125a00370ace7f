import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Picture } from '../pictures/types.ts';

/**
 * Where the console and `ask` write pictures: `ask --image-dir DIR` (the operator's folder), else a
 * folder of the system's temporary directory. File names are made here (a number and the picture's
 * name), never from what was typed.
 */
export const DEFAULT_IMAGE_DIR = path.join(tmpdir(), 'quotebot-pictures');

/** Writes the picture as `<stem>-<name>` in `dir` (created if need be) and returns its path. */
export async function writePicture(dir: string, picture: Picture, stem: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.resolve(dir, `${stem.replace(/[^\w-]/g, '')}-${picture.name}`);
  await writeFile(file, picture.png);
  return file;
}

/** Strips the console's `--image` flag from a command line: the line without it, and whether it was there. */
export function imageFlag(line: string): { text: string; image: boolean } {
  const re = /(^|\s)--image(?=\s|$)/g;
  if (!re.test(line)) return { text: line, image: false };
  return { text: line.replace(re, '$1').replace(/\s+/g, ' ').trim(), image: true };
}

/** What the console says when a picture was asked for and the answer has none. */
export const NO_PICTURE = 'No picture for this answer: /timeline draws its dated events, /casualties an event whose toll was reported more than once.';

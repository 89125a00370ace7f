import { decodeText } from './fetch.ts';
import { type Extracted, extractArticle, isBoilerplate, NoArticle } from './extract.ts';
import { IntakeError } from './guard.ts';

/**
 * An uploaded file as an article: `.html`/`.htm` through the same extraction as a web page, `.md`
 * as Markdown (the first heading is the title; markup is taken out of the text), `.txt` as it is
 * (a short first line that reads as a headline is the title). Anything else is refused.
 */

export const UPLOAD_TYPES = ['.txt', '.md', '.html', '.htm'] as const;

/** The file's extension when intake takes that kind of file; an IntakeError otherwise. */
export function checkUploadName(name: string): string {
  const ext = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';
  if (!(UPLOAD_TYPES as readonly string[]).includes(ext)) throw new IntakeError(`Only ${UPLOAD_TYPES.join(', ')} files can be added (not ${ext || 'a file without an extension'}).`);
  return ext;
}

export function fromUpload(name: string, bytes: Uint8Array): Extracted {
  const ext = checkUploadName(name);
  if (bytes.length === 0) throw new IntakeError(`${name} is empty; nothing was added.`);
  const text = decodeText(Buffer.from(bytes), ext === '.txt' || ext === '.md' ? 'text/plain; charset=utf-8' : '').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.includes('\uFFFD') && ext !== '.html' && ext !== '.htm') throw new IntakeError(`${name} is not valid UTF-8 text; re-save it as UTF-8.`);
  if (ext === '.html' || ext === '.htm') {
    try {
      return extractArticle(text);
    } catch (err) {
      if (err instanceof NoArticle) throw new IntakeError(`No article found in ${name}: too little story text; nothing was added.`);
      throw err;
    }
  }
  const out = ext === '.md' ? fromMarkdown(text) : fromPlain(text);
  if (out.paragraphs.join(' ').trim().length < 40) throw new IntakeError(`${name} has too little text to be an article; nothing was added.`);
  if (!out.title) out.title = name.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim();
  return out;
}

/** Paragraphs split at blank lines, each one's lines joined. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').replace(/[ \t]+/g, ' ').trim())
    .filter((p) => p && !isBoilerplate(p));
}

function fromPlain(text: string): Extracted {
  const lines = text.split('\n');
  const first = lines[0]?.trim() ?? '';
  const headline = first.length > 0 && first.length <= 150 && !/[.!?:;,]$/.test(first) && (lines[1] ?? '').trim() === '';
  return headline ? { title: first, paragraphs: paragraphs(lines.slice(1).join('\n')) } : { paragraphs: paragraphs(text) };
}

function fromMarkdown(text: string): Extracted {
  let title: string | undefined;
  const body = text
    .replace(/```[\s\S]*?```/g, '')
    .split('\n')
    .map((line) => {
      const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
      if (h) {
        if (!title && h[1]!.length <= 2) {
          title = h[2];
          return '';
        }
        return `\n${h[2]}\n`;
      }
      return line.replace(/^\s{0,3}(?:[-*+]|\d+[.)])\s+/, '\n').replace(/^\s{0,3}>\s?/, '');
    })
    .join('\n')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])[*_]([^*_\n]+)[*_](?![\w*])/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/gm, '');
  const out: Extracted = { paragraphs: paragraphs(body) };
  if (title) out.title = title;
  return out;
}

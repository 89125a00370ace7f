import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A small corpus the picture tests write: three reports of one ferry disaster, published on three
 * days, whose toll grows then is corrected (26 → about 200 → 192), as the Zeebrugge capsizing was
 * reported in March 1987. Without `sources.json` the reports are undated.
 */
export const ZEEBRUGGE: Record<string, string> = {
  'a.txt':
    'Ferry capsizes off Belgian port\n\nZEEBRUGGE, Belgium, March 7 - At least 26 people were killed when the ferry Herald of Free Enterprise capsized off the Belgian port of Zeebrugge on Friday evening, rescue officials said.\nHundreds of passengers were rescued from the icy water during the night.\n',
  'b.txt':
    'Hopes fade for ferry passengers\n\nZEEBRUGGE, Belgium, March 8 - About 200 people are feared dead after the ferry Herald of Free Enterprise capsized off Zeebrugge, officials said on Sunday.\nDivers were still searching the hull of the ship.\n',
  'c.txt':
    'Ferry disaster toll put at 192\n\nZEEBRUGGE, Belgium, March 12 - The death toll in the Zeebrugge ferry disaster stands at 192, officials said on Thursday.\nThe ship, owned by Townsend Thoresen, capsized minutes after leaving port.\n',
};

export const ZEEBRUGGE_SOURCES = {
  'a.txt': { published: '1987-03-07', outlet: 'Reuters' },
  'b.txt': { published: '1987-03-08', outlet: 'AP' },
  'c.txt': { published: '1987-03-12', outlet: 'BBC' },
};

/** Writes the corpus into a fresh temporary folder; `dated: false` leaves out the publication dates. */
export async function zeebruggeCorpus(dated = true): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'quotebot-zeebrugge-'));
  for (const [name, text] of Object.entries(ZEEBRUGGE)) await writeFile(path.join(dir, name), text);
  if (dated) await writeFile(path.join(dir, 'sources.json'), JSON.stringify(ZEEBRUGGE_SOURCES));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

import { describe, expect, it } from 'vitest';
import { apology, describeError, newErrorId, redact, stripPaths } from '../../src/discord/errors.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('errors', () => {
  it('error ids are 8 hex characters and differ', () => {
    const ids = new Set(Array.from({ length: 100 }, newErrorId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}$/);
  });

  it('the apology names the id and nothing else of the error', () => {
    const text = apology('deadbeef');
    expect(text).toContain('deadbeef');
    expect(text.length).toBeLessThan(300);
  });

  it('redacts the token and interaction tokens in URLs', () => {
    const line = `PATCH /api/v10/webhooks/111111111111111111/aW50ZXJhY3Rpb246MTIz.secret-part/messages/@original failed; token ${TOKEN}`;
    const out = redact(line, [TOKEN]);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('secret-part');
    expect(out).toContain('/webhooks/111111111111111111/[redacted]/messages/@original');
    expect(redact('/interactions/222/abc.def-ghi/callback')).toBe('/interactions/222/[redacted]/callback');
  });

  it('describes an error for the log without the token, keeping its cause', () => {
    const err = Object.assign(new Error(`boom with ${TOKEN}`, { cause: new Error(`inner ${TOKEN}`) }), { status: 500, url: 'https://discord.com/api/v10/interactions/1/tok.en/callback' });
    const d = describeError(err, [TOKEN]);
    expect(JSON.stringify(d)).not.toContain(TOKEN);
    expect(d).toMatchObject({ type: 'Error', status: 500, url: 'https://discord.com/api/v10/interactions/1/[redacted]/callback' });
    expect((d.cause as { message: string }).message).toBe('inner [redacted]');
    expect(describeError('plain')).toEqual({ message: 'plain' });
  });

  it('strips absolute paths down to file names, leaving dates and fractions alone', () => {
    expect(stripPaths('cannot read /srv/bot/corpus/news.txt (EACCES)')).toBe('cannot read news.txt (EACCES)');
    expect(stripPaths('EACCES: open "/home/x/corpus/news.txt"')).toBe('EACCES: open "news.txt"');
    expect(stripPaths('C:\\Users\\me\\corpus\\a.txt unreadable')).toBe('a.txt unreadable');
    expect(stripPaths('on 11/13/2015, 3/4 of them')).toBe('on 11/13/2015, 3/4 of them');
  });
});

import { InteractionResponseType } from 'discord.js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../src/limits.ts';
import type { StoredMessage } from './double/index.ts';
import { buttonsOf, type Harness, startHarness, textOf } from './harness.ts';

/**
 * Pictures through the real client and the Discord double: a /timeline answer is deferred, then
 * arrives as the paged quotes with the PNG attached and shown by the embed (`attachment://…`), in
 * bodies Discord's OpenAPI description accepts; page turns keep it; answers without a picture are
 * as before.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const attachments = (m: StoredMessage) => m.attachments as { filename: string; size: number; content_type: string }[];
const imageOf = (m: StoredMessage) => (m.embeds[0] as { image?: { url: string } } | undefined)?.image?.url;

describe('/timeline with its picture', () => {
  let message: StoredMessage;

  it('is deferred, then carries the PNG that its embed shows', async () => {
    const i = h.double.command('timeline', {});
    message = await h.double.answer(i);
    expect(i.acks.map((a) => a.type)).toEqual([InteractionResponseType.DeferredChannelMessageWithSource]);
    expect(attachments(message).map((a) => a.filename)).toEqual(['timeline.png']);
    expect(imageOf(message)).toBe('attachment://timeline.png');
    const png = message.files?.get('timeline.png');
    expect(png).toBeDefined();
    expect(png!.length).toBe(attachments(message)[0]!.size);
    expect(png!.length).toBeLessThanOrEqual(DISCORD_LIMITS.attachmentBytes);
    const decoded = PNG.sync.read(png!);
    expect(decoded.width).toBeGreaterThan(400);
    expect(textOf(message)).toMatch(/page 1 of \d+/);
    expect(h.double.problems()).toEqual([]);
  });

  it('keeps the picture when the page turns', async () => {
    const next = buttonsOf(message).find((b) => b.label === 'Next')!;
    const press = h.double.press(message, next.customId, { person: h.double.world.member });
    await h.double.until(() => press.acks.length > 0, 'the page turn');
    expect(textOf(message)).toMatch(/page 2 of \d+/);
    expect(imageOf(message)).toBe('attachment://timeline.png');
    expect(attachments(message).map((a) => a.filename)).toEqual(['timeline.png']);
    expect(h.double.problems()).toEqual([]);
  });

  it('comes in a DM too, and hidden answers carry it', async () => {
    const dm = await h.double.answer(h.double.command('timeline', { topic: 'Putin' }, { where: 'dm' }));
    expect(attachments(dm).map((a) => a.filename)).toEqual(['timeline.png']);
    const hidden = await h.double.answer(h.double.command('timeline', { topic: 'Putin', hide: true }));
    expect(attachments(hidden).map((a) => a.filename)).toEqual(['timeline.png']);
    expect(h.double.problems()).toEqual([]);
  });
});

describe('answers without a picture', () => {
  it('are unchanged: answered directly, nothing attached', async () => {
    for (const [command, options] of [
      ['search', { query: 'Raqqa' }],
      // The seeds' tolls are each reported once: no chart.
      ['casualties', {}],
    ] as const) {
      const i = h.double.command(command, options);
      const m = await h.double.answer(i);
      expect(i.acks.map((a) => a.type)).toEqual([InteractionResponseType.ChannelMessageWithSource]);
      expect(m.attachments).toEqual([]);
      expect(imageOf(m)).toBeUndefined();
    }
    expect(h.double.problems()).toEqual([]);
  });
});

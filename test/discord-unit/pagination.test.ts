import { ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Pager, type PageState, pageButtons, pageCustomId, pagePayload, parsePageCustomId } from '../../src/discord/pagination.ts';

const state = (createdAt: number): PageState => ({ command: 'search', query: 'jet', askerId: '123456789012345678', createdAt });

describe('page button ids', () => {
  it('round-trip, stay under Discord’s 100 characters, and refuse anything else', () => {
    const id = { key: 'AbC-d_9xYz12', page: 12, askerId: '12345678901234567890' };
    const s = pageCustomId(id);
    expect(s.length).toBeLessThanOrEqual(100);
    expect(parsePageCustomId(s)).toEqual(id);
    for (const bad of ['', 'pg', 'pg:k:1', 'pg:k:x:1', 'pg:k:1:abc', 'other:k:1:1', `pg:${'k'.repeat(40)}:1:1`, 'pg:k:1:1:extra']) {
      expect(parsePageCustomId(bad)).toBeNull();
    }
  });
});

describe('Pager', () => {
  it('keeps a state until its TTL, then forgets it', () => {
    const pager = new Pager(1000);
    const key = pager.put(state(0));
    expect(pager.get(key, 999)?.query).toBe('jet');
    expect(pager.get(key, 1000)).toBeUndefined();
    expect(pager.size).toBe(0);
    expect(pager.get('nope', 0)).toBeUndefined();
  });

  it('is bounded: the oldest states go first, and expired ones are pruned as new ones come', () => {
    const pager = new Pager(1000, 3);
    const keys = [0, 1, 2, 3].map((t) => pager.put(state(t)));
    expect(pager.size).toBe(3);
    expect(pager.get(keys[0]!, 4)).toBeUndefined();
    expect(pager.get(keys[3]!, 4)).toBeDefined();
    pager.put(state(5000));
    expect(pager.size).toBe(1);
  });

  it('gives distinct keys', () => {
    const pager = new Pager();
    const keys = new Set(Array.from({ length: 500 }, () => pager.put(state(Date.now()))));
    expect(keys.size).toBe(500);
  });
});

describe('page buttons', () => {
  it('Previous is disabled on the first page, Next on the last; ids are distinct and carry page and asker', () => {
    const json = (page: number) => pageButtons('key', page, 3, '42424242424242424').toJSON();
    const first = json(0).components as { custom_id: string; disabled: boolean; label: string; type: number }[];
    expect(first.map((b) => [b.label, b.disabled])).toEqual([
      ['Previous', true],
      ['Next', false],
    ]);
    expect(first.every((b) => b.type === ComponentType.Button)).toBe(true);
    expect(parsePageCustomId(first[1]!.custom_id)).toEqual({ key: 'key', page: 1, askerId: '42424242424242424' });
    const last = json(2).components as { custom_id: string; disabled: boolean }[];
    expect(last.map((b) => b.disabled)).toEqual([false, true]);
    expect(parsePageCustomId(last[0]!.custom_id)?.page).toBe(1);
    for (const p of [0, 1, 2]) {
      const ids = (json(p).components as { custom_id: string }[]).map((b) => b.custom_id);
      expect(new Set(ids).size).toBe(2);
    }
  });

  it('a payload has one embed, no mentions, and buttons only when there are pages to turn', () => {
    expect(pagePayload({ description: 'one' }, 0, 1).components).toEqual([]);
    const p = pagePayload({ description: 'two' }, 7, 2, { key: 'k', askerId: '1' });
    expect(p.embeds).toEqual([{ description: 'two' }]);
    expect(p.components).toHaveLength(1);
    // Clamped to the last page: Next is disabled there.
    const [, next] = (p.components[0]!.toJSON().components as { disabled?: boolean }[]);
    expect(next!.disabled).toBe(true);
    expect(p.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });
});

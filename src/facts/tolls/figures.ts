import type { TollFigure, TollKind, TollMention } from '../../nlp/tolls.ts';

/**
 * The figure a toll statement leads with, and when two statements give the same figures. A
 * statement may give several ("32 … dead and 160 … missing, bringing the total of dead or presumed
 * dead to 192"): the one a reader takes for the toll is the combined figure of the dead, else the
 * dead, else the wounded, the missing, any combined figure, then the trapped, rescued, homeless or
 * displaced.
 */

export type HeadKind = TollKind | 'victims' | 'none';

/** The kinds of a combined figure that count the dead ("dead or missing", "dead or presumed dead"). */
export const countsDead = (of: string[]) => of.some((k) => /\b(?:dead|killed|died)\b/.test(k));

/** The figures of a statement or a report. */
export type Figures = Pick<TollMention, 'killed' | 'wounded' | 'missing' | 'combined' | 'affected' | 'victims'> & { none?: boolean };

export function headline(m: Figures): {
  kind: HeadKind;
  figure: TollFigure | null;
} {
  if (m.none) return { kind: 'none', figure: null };
  if (m.combined && countsDead(m.combined.of) && (!m.killed || (m.combined.value ?? 0) >= (m.killed.value ?? 0))) return { kind: 'combined', figure: m.combined };
  if (m.killed) return { kind: 'killed', figure: m.killed };
  if (m.wounded) return { kind: 'wounded', figure: m.wounded };
  if (m.missing) return { kind: 'missing', figure: m.missing };
  if (m.combined) return { kind: 'combined', figure: m.combined };
  const a = m.affected?.[0];
  if (a) return { kind: a.kind, figure: a.figure };
  return { kind: 'victims', figure: null };
}

const bare = (f: TollFigure) => f.text.toLowerCase().split(/\s+/).pop()!;
export function sameFigure(a: TollFigure | null | undefined, b: TollFigure | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.value !== null || b.value !== null) return a.value === b.value;
  return bare(a) === bare(b);
}
/** Equal, or one of them not given. */
const fits = (a: TollFigure | null | undefined, b: TollFigure | null | undefined) => !a || !b || sameFigure(a, b);

/** The same toll told twice: the same headline kind and figure, every other figure absent or equal. */
export function sameFigures(a: TollMention, b: TollMention): boolean {
  if (a.none || b.none) return Boolean(a.none && b.none);
  const [ha, hb] = [headline(a), headline(b)];
  if (ha.kind !== hb.kind) return false;
  if (ha.kind === 'victims') return (a.victims?.names.join('|') ?? '') === (b.victims?.names.join('|') ?? '');
  if (!sameFigure(ha.figure, hb.figure)) return false;
  // A dead-and-wounded toll is not a dead-only one: the old rule, kept.
  if (ha.kind === 'killed' && Boolean(a.killed) !== Boolean(b.killed)) return false;
  return fits(a.killed, b.killed) && fits(a.wounded, b.wounded) && fits(a.missing, b.missing) && fits(a.combined, b.combined);
}

/**
 * The answer model: what every question produces, whatever front end shows it. No Discord (or
 * terminal) type appears here. Every item carries `quote`, a sentence copied exactly from an article,
 * and `source`, that article's file name; the rest are command-specific fields.
 */

export type { SentenceRef } from '../facts/types.ts';

/**
 * How much an answer may carry. Front ends leave it at the default (`LIMITS.maxItems` items, which
 * they page through); scripts and evaluation pass `limit: Infinity` (`ask --all`) to get everything.
 */
export interface AnswerOptions {
  limit?: number;
}

export type CommandName = 'search' | 'ask' | 'who' | 'casualties' | 'timeline' | 'sources' | 'help';

export interface QuoteRef {
  quote: string;
  source: string;
}

export interface SearchItem extends QuoteRef {
  /** Other articles that carry the very same sentence (a file name), or, in an ask answer, nearly the same one (its own quote and file: two wire versions of one report). */
  alsoIn?: (string | QuoteRef)[];
  /** Whose words the quote is, when a question asked what someone said (read from the text: "X said", "he said" after X). */
  speaker?: string;
}

export interface SourceItem extends QuoteRef {
  title: string | null;
  outlet: string | null;
  published: string | null;
  sentences: number;
}

export interface HelpItem {
  command: string;
  usage: string;
  description: string;
  /** A line to try, e.g. "/search election results". */
  example?: string;
}

export interface WhoListItem extends QuoteRef {
  name: string;
  role: string | null;
  mentions: number;
}

export interface WhoItem extends QuoteRef {
  name: string;
}

/** A sentence stating a toll, with its article's publication date. */
export interface CasualtySource extends QuoteRef {
  published: string | null;
}

/** What a figure counts: see `TollKind` in `nlp/tolls/view.ts`; `victims` = people named, no figure; `none` = "no one was hurt". */
export type CasualtyKind = 'killed' | 'wounded' | 'missing' | 'combined' | 'trapped' | 'rescued' | 'homeless' | 'displaced' | 'victims' | 'none';

/** One figure as written: "at least 70", "hundreds" (value null). */
export interface CasualtyFigure {
  value: number | null;
  text: string;
  atLeast: boolean;
}

/** One report of an event's toll: its figures, and every sentence that gives them. */
export interface CasualtyReport extends QuoteRef {
  /** The figure the report leads with and what it counts. */
  kind: CasualtyKind;
  figure: CasualtyFigure | null;
  killed: CasualtyFigure | null;
  wounded: CasualtyFigure | null;
  missing: CasualtyFigure | null;
  /** "1,000 dead or missing": one figure of kinds together, with the kinds as written. */
  combined: (CasualtyFigure & { of: string[] }) | null;
  /** Trapped, rescued, homeless, displaced: never added into the dead. */
  affected: (CasualtyFigure & { kind: 'trapped' | 'rescued' | 'homeless' | 'displaced' })[];
  /** People named as victims ("Interior Minister Abdallah al-Rassi"), no figure invented. */
  victims: string[];
  /** "The toll rose to", "bringing the total to": an update of an earlier figure. */
  update: boolean;
  /** A figure for one country of an event that spans several ("in Indonesia"): not the whole toll. */
  part: boolean;
  published: string | null;
  sources: CasualtySource[];
}

/** A figure of an event's story and the report that gives it (its first sentence). */
export interface CasualtyMark extends CasualtyFigure, QuoteRef {
  kind: CasualtyKind;
  published: string | null;
}

export interface CasualtyItem extends QuoteRef {
  /** null when the text gives no exact figure ("hundreds") or none at all. */
  killed: number | null;
  wounded: number | null;
  atLeast: boolean;
  /** The figures as written, with their qualifier: "At least 44", "hundreds", "Twenty-five". */
  killedText: string | null;
  woundedText: string | null;
  /** The sentences say nobody was killed or hurt ("No deaths were reported"): not a toll of zero. */
  noCasualties: boolean;
  event: string | null;
  date: string | null;
  /** When the toll was first reported (the earliest publication date of its sources): tolls of one event are listed oldest report first. */
  published: string | null;
  /** Every sentence that states this toll, the first one included. */
  sources: CasualtySource[];
  /** Fields added with events as stories (always set by `/casualties`; optional for older producers). What the item's figure counts (its lead report's). */
  kind?: CasualtyKind;
  missing?: number | null;
  missingText?: string | null;
  /** The latest report's combined figure ("192", of "dead", "presumed dead"). */
  combined?: (CasualtyFigure & { of: string[] }) | null;
  affected?: CasualtyReport['affected'];
  victims?: string[];
  /** A total over years ("3,000 died over 30 years"): never merged with a current event. */
  historical?: boolean;
  /** The event's reports: in order of publication, or by figure when some are undated (`order`). */
  reports?: CasualtyReport[];
  order?: 'published' | 'figure';
  /** The toll as last reported, and the highest reported (the whole event's, not one country's). */
  latest?: CasualtyMark | null;
  highest?: CasualtyMark | null;
  /** Lowest and highest figure of the leading kind ("26" … "192"). */
  range?: { low: CasualtyMark; high: CasualtyMark } | null;
  /** How the toll changed, in report order: "26 → about 200 → 192" (null for one figure). */
  change?: string | null;
}

export interface TimelineItem extends QuoteRef {
  date: string;
  dateText: string;
  /** How the date was read when not from the text alone and the publication date: "year not given", "dated from the dateline". */
  note?: string;
  /** The date is ahead of the article's own (a plan, a forecast): not when something happened. */
  future?: boolean;
  /** The same event told by other articles. */
  alsoIn?: QuoteRef[];
}

interface Base<C extends CommandName, I> {
  command: C;
  query: string;
  items: I[];
  /** Set when nothing was found, or to say something about the items (e.g. "Did you mean …"). */
  message?: string;
  /** Nearest known names, for an unknown /who name. */
  suggestions?: string[];
}

export type Answer =
  | Base<'search', SearchItem>
  | Base<'ask', SearchItem | WhoItem | CasualtyItem | TimelineItem>
  | Base<'who', WhoListItem | WhoItem>
  | Base<'casualties', CasualtyItem>
  | (Base<'timeline', TimelineItem> & {
      /**
       * Dates the text gives without a year, in an article with no date to place them by: shown as
       * written ("26 December", "year not given"), apart from the dated `items`, never given a year.
       */
      yearless?: TimelineItem[];
    })
  | Base<'sources', SourceItem>
  | Base<'help', HelpItem>;

/** A bad input: unknown command, empty, too long. The front ends show `error` as is. */
export interface InputError {
  error: string;
}

export type Reply = Answer | InputError;

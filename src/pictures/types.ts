/**
 * What a picture shows, as data: returned beside the PNG so that tests (and anyone) can check that
 * what is plotted is exactly the answer's items — the same dates, figures as written, quotes and sources.
 */

export type Precision = 'day' | 'month' | 'year';

/** One dated event on the timeline. */
export interface TimelineMark {
  /** The answer item's date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`; `XXXX-…` when the text gives no year). */
  date: string;
  /** The date as the quote writes it ("on Sunday", "Oct. 31"). */
  dateText: string;
  precision: Precision;
  /** The item's quote, and the words of it shown beside the mark (its beginning, cut to fit). */
  quote: string;
  words: string;
  source: string;
  /** The source as the label names it: outlet, else title, else file name. */
  sourceLabel: string;
  /** How many other articles tell the same event. */
  alsoIn: number;
  future: boolean;
  /** The text gives no year and its article no date: shown apart, after the dated marks. */
  noYear: boolean;
  /** The colour group: the source article. */
  group: number;
}

export interface TimelineModel {
  kind: 'timeline';
  title: string;
  marks: TimelineMark[];
  /** The source articles, in the order of their colours (the last may be "other sources"). */
  groups: { label: string; colour: string; count: number }[];
  /** The outlet of every source, when they share one: said once, not beside each title. */
  outlet?: string;
  /** Events in the answer, and shown (fewer beyond the picture's limit). */
  total: number;
  shown: number;
}

/** One report's figure of one kind. */
export interface TollPoint {
  kind: string;
  /** null: no exact figure ("hundreds"); listed under the chart, not plotted. */
  value: number | null;
  /** The figure as written ("About 200"). */
  text: string;
  published: string | null;
  /** Position of the report in the event's story (1-based). */
  order: number;
  quote: string;
  source: string;
  sourceLabel: string;
}

export interface TollPanel {
  event: string;
  date: string | null;
  /** By publication date, or by report order when a report is undated (and the picture says so). */
  axis: 'published' | 'order';
  /** The reports are undated and the answer lists them by figure, lowest first (its `order: "figure"`). */
  byFigure?: boolean;
  reports: number;
  points: TollPoint[];
}

export interface TollModel {
  kind: 'tolls';
  title: string;
  panels: TollPanel[];
  /** Events of the answer whose toll changed across reports, and shown. */
  total: number;
  shown: number;
}

export type PictureModel = TimelineModel | TollModel;

export interface Picture {
  /** The attachment's file name: `timeline.png` or `casualties.png`. */
  name: string;
  png: Buffer;
  width: number;
  height: number;
  model: PictureModel;
  /** What the picture leaves out, said in it too ("60 of 126 events shown…"). */
  note?: string;
  /** Time to lay out and render, ms. */
  ms: number;
}

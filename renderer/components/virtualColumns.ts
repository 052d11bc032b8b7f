/** A column of VirtualTable: how to read its value from a row. */
export interface VirtualColumn<R> {
  key: string;
  label: string;
  value: (row: R) => string | number | null;
  /**
   * What the column sorts by when what it shows would sort wrongly, e.g. pence or an ISO date behind
   * formatted text. Without it the shown value is sorted, with £ amounts, percentages and UK dates understood.
   */
  sortValue?: (row: R) => string | number | null;
  /** False for columns of buttons, which have nothing to sort by. */
  sortable?: boolean;
  numeric?: boolean;
  /** CSS width, e.g. '8rem' or '20%'. */
  width?: string;
}

/** The rows a VirtualTable shows after its filter and sort, as its `view` event reports them. */
export interface TableView<R> {
  rows: R[];
  /** The filter box holds text. */
  filtered: boolean;
  /** A column header has set the order. */
  sorted: boolean;
}

/** A column of VirtualTable: how to read its value from a row. */
export interface VirtualColumn<R> {
  key: string;
  label: string;
  value: (row: R) => string | number | null;
  numeric?: boolean;
  /** CSS width, e.g. '8rem' or '20%'. */
  width?: string;
}

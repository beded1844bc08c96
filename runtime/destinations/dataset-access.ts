// Direct access to one dataset through a destination's own session and dialect, for the operations
// commands (`gen-connector loads | state | reset`): the queries are written once over the Dataset
// seam (inspect.ts, reset-resource.ts) and run the same on DuckDB and Postgres.
import type { Dataset } from "./dialect.ts";

export interface DatasetAccessOptions {
  /**
   * Take the dataset's sync lock first, so no sync runs meanwhile (Postgres's advisory lock; a DuckDB
   * file is process-exclusive once open). A held lock fails with a DestinationError naming the holder.
   */
  readonly lock: boolean;
}

/** A destination that can run `work` on a dataset (serialized with its loads). */
export interface DatasetAccess {
  withDataset<T>(dataset: string, work: (ds: Dataset) => Promise<T>, options: DatasetAccessOptions): Promise<T>;
}

/** Whether `destination` offers DatasetAccess (both built-in destinations do). */
export function hasDatasetAccess(destination: object): destination is DatasetAccess {
  return typeof (destination as Partial<DatasetAccess>).withDataset === "function";
}

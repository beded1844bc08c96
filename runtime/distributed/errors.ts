// The distributed protocol's own failure: a run or partition refused (another run in progress, a classic
// sync holding the dataset, a job planned from another connector). Says what, where and what was found.
import { GenConnectorError } from "../errors.ts";

export class DistributedError extends GenConnectorError {
  readonly exitCode = 1;
}

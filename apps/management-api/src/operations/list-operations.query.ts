import { type OperationListQuery, type OperationStage } from '@maestro/application';
import { InvalidRequestError } from '../http/invalid-request.error';
import { queryParameter } from '../schedulers/query-parameters';

const stages: readonly OperationStage[] = ['pending', 'active', 'final'];
const defaults = { page: 1, perPage: 15 } as const;

/**
 * GET …/operations query (reference §2.3 #10) with every 400 of the reference: `stage` required,
 * `orderBy` as "createdAt [asc|desc]", `page` ≥ 1, `perPage` 1..100 and only for the final stage.
 * Parameters are read by their JSON or proto name.
 */
export function parseListOperationsQuery(
  schedulerName: string,
  query: Record<string, unknown>,
): OperationListQuery {
  const stage = queryParameter(query, 'stage') ?? '';
  if (!(stages as readonly string[]).includes(stage)) {
    throw new InvalidRequestError(`invalid stage filter: ${stage}`);
  }
  const order = parseOrder(queryParameter(query, 'orderBy') ?? queryParameter(query, 'order_by'));
  const pageText = queryParameter(query, 'page');
  const perPageText = queryParameter(query, 'perPage') ?? queryParameter(query, 'per_page');
  const page = pageText === undefined ? undefined : parseCount(pageText, 'page');
  const perPage = perPageText === undefined ? undefined : parseCount(perPageText, 'perPage');
  if (stage !== 'final') {
    if (page !== undefined || perPage !== undefined) {
      throw new InvalidRequestError(`there is no pagination filter implemented for ${stage} stage`);
    }
    return { schedulerName, stage: stage as OperationStage, order };
  }
  const number = page ?? defaults.page;
  const size = perPage ?? defaults.perPage;
  if (number < 1) throw new InvalidRequestError('page must be greater than 0');
  if (size < 1 || size > 100) throw new InvalidRequestError('page size must be between 0 and 100');
  return { schedulerName, stage: 'final', order, page: { number, size } };
}

function parseOrder(orderBy: string | undefined): 'asc' | 'desc' {
  if (orderBy === undefined) return 'desc';
  const parts = orderBy.trim().split(/\s+/);
  if (parts.length > 2) throw new InvalidRequestError('invalid sorting parameters number');
  const [field = '', direction = 'desc'] = parts;
  if (field !== 'createdAt') throw new InvalidRequestError(`invalid sorting field: ${field}`);
  if (direction !== 'asc' && direction !== 'desc') {
    throw new InvalidRequestError(`invalid sorting order: ${direction}`);
  }
  return direction;
}

/** A uint32 query value as the gateway parses it: digits only, else a 400 naming the parameter. */
function parseCount(text: string, name: string): number {
  if (!/^-?\d+$/.test(text))
    throw new InvalidRequestError(`invalid value for query parameter ${name}: ${text}`);
  return Number(text);
}

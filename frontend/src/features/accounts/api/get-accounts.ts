import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/page';
import type { Account } from '../types';
import { accountKeys } from './query-keys';

/** The server's default page size for users. */
export const ACCOUNTS_PAGE_SIZE = 20;

export function getAccounts(page: number, signal?: AbortSignal): Promise<Page<Account>> {
  return apiRequest<Page<Account>>('/users/', { signal, query: { page: page === 1 ? undefined : page } });
}

export function accountsQueryOptions(page: number) {
  return queryOptions({
    queryKey: accountKeys.list(page),
    queryFn: ({ signal }) => getAccounts(page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAccounts(page: number) {
  return useQuery(accountsQueryOptions(page));
}

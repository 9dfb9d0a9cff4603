import { Pagination } from '../../../components/Pagination';
import { RetryAlert } from '../../../components/RetryAlert';
import { useAccounts, ACCOUNTS_PAGE_SIZE } from '../api/get-accounts';
import { AccountCard } from './AccountCard';
import './AccountList.css';
import { withQuery } from '../../../lib/urls';

/** Every account, by id, a page at a time (the page lives in the URL). */
export function AccountList({ page }: { page: number }) {
  const { data, error, isPending, isPlaceholderData, refetch } = useAccounts(page);

  if (isPending) return <p role="status">Loading accounts…</p>;
  if (error) {
    return <RetryAlert message={`Could not load the accounts: ${error.message}`} onRetry={() => void refetch()} />;
  }
  return (
    <div aria-busy={isPlaceholderData}>
      <ul className={isPlaceholderData ? 'account-cards account-cards--stale' : 'account-cards'} aria-label="Accounts">
        {data.results.map((account) => (
          <AccountCard key={account.id} account={account} />
        ))}
      </ul>
      <Pagination
        page={page}
        hasPrevious={data.previous !== null}
        hasNext={data.next !== null}
        pageCount={Math.max(1, Math.ceil(data.count / ACCOUNTS_PAGE_SIZE))}
        hrefFor={(target) => withQuery('/accounts', new URLSearchParams(target === 1 ? {} : { page: String(target) }))}
      />
    </div>
  );
}

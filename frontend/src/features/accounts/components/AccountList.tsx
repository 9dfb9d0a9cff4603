import { Pagination } from '../../../components/Pagination';
import { useAccounts, ACCOUNTS_PAGE_SIZE } from '../api/get-accounts';
import { AccountCard } from './AccountCard';
import './AccountList.css';
import { withQuery } from '../../../lib/urls';

/** Every account, by id, a page at a time (the page lives in the URL). */
export function AccountList({ page }: { page: number }) {
  const { data, error, isPending, isPlaceholderData, refetch } = useAccounts(page);

  if (isPending) return <p role="status">Loading accounts…</p>;
  if (error) {
    return (
      <div className="alert alert--error" role="alert">
        <p>Could not load the accounts: {error.message}</p>
        <button type="button" className="button" onClick={() => void refetch()}>
          Try again
        </button>
      </div>
    );
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

import { Pagination } from '../../../components/Pagination';
import { useAccounts, ACCOUNTS_PAGE_SIZE } from '../api/get-accounts';
import { AccountRow } from './AccountRow';
import './AccountList.css';

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
      <div className="table-scroll">
        <table className={isPlaceholderData ? 'account-table account-table--stale' : 'account-table'}>
          <caption className="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((account) => (
              <AccountRow key={account.id} account={account} />
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={page}
        hasPrevious={data.previous !== null}
        hasNext={data.next !== null}
        pageCount={Math.max(1, Math.ceil(data.count / ACCOUNTS_PAGE_SIZE))}
        hrefFor={(target) => (target === 1 ? '/accounts' : `/accounts?page=${target}`)}
      />
    </div>
  );
}

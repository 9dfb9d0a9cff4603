import { useSearchParams } from 'wouter';
import { AccountList } from '../../features/accounts/components/AccountList';
import { CreateAccountForm } from '../../features/accounts/components/CreateAccountForm';
import { useDocumentTitle } from '../../lib/use-document-title';

export function AccountsPage() {
  useDocumentTitle('Accounts');
  const [searchParams] = useSearchParams();
  const page = Number(searchParams.get('page'));
  return (
    <section aria-labelledby="accounts-heading">
      <h1 id="accounts-heading" className="page-title">
        Accounts
      </h1>
      <CreateAccountForm />
      <section className="card" aria-labelledby="account-list-heading">
        <h2 id="account-list-heading">Agents and admins</h2>
        <AccountList page={Number.isInteger(page) && page > 1 ? page : 1} />
      </section>
    </section>
  );
}

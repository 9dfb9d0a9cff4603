import { useSearchParams } from 'wouter';
import { TitledPage } from '../../components/TitledPage';
import { AccountList } from '../../features/accounts/components/AccountList';
import { CreateAccountForm } from '../../features/accounts/components/CreateAccountForm';

export function AccountsPage() {
  const [searchParams] = useSearchParams();
  const page = Number(searchParams.get('page'));
  return (
    <TitledPage headingId="accounts-heading" title="Accounts">
      <CreateAccountForm />
      <section className="card" aria-labelledby="account-list-heading">
        <h2 id="account-list-heading">Agents and admins</h2>
        <AccountList page={Number.isInteger(page) && page > 1 ? page : 1} />
      </section>
    </TitledPage>
  );
}

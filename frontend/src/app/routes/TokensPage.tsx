import { TitledPage } from '../../components/TitledPage';
import { TokenManager } from '../../features/auth/components/TokenManager';

export function TokensPage() {
  return (
    <TitledPage headingId="tokens-page-heading" title="API tokens" className="narrow-page">
      <p className="muted">
        For curl, scripts and the command line: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as
        you until you revoke it.
      </p>
      <TokenManager />
    </TitledPage>
  );
}

import { TokenManager } from '../../features/auth/components/TokenManager';
import { useDocumentTitle } from '../../lib/use-document-title';

export function TokensPage() {
  useDocumentTitle('API tokens');
  return (
    <section aria-labelledby="tokens-page-heading" className="narrow-page">
      <h1 id="tokens-page-heading" className="page-title">
        API tokens
      </h1>
      <p className="muted">
        For curl, scripts and the command line: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as
        you until you revoke it.
      </p>
      <TokenManager />
    </section>
  );
}

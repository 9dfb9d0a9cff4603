import type { ReactNode } from 'react';

/** A failure the user should hear at once (a refused save, a form the server turned down); nothing while there is none. */
export function ErrorAlert({ message }: { message: ReactNode }) {
  if (!message) return null;
  return (
    <p className="alert alert--error" role="alert">
      {message}
    </p>
  );
}

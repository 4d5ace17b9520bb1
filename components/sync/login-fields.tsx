'use client';

/** What a log-in to the sync server asks for. */
export interface Credentials {
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

/** The server address, user name and password fields (the person's sync card and the clinician view). */
export function LoginFields({ value, onChange }: { value: Credentials; onChange: (next: Credentials) => void }) {
  return (
    <>
      <label className="field">
        Server address
        <input value={value.url} onChange={(e) => onChange({ ...value, url: e.target.value })} required autoComplete="url" inputMode="url" />
      </label>
      <label className="field">
        User name
        <input value={value.user} onChange={(e) => onChange({ ...value, user: e.target.value })} required autoComplete="username" autoCapitalize="none" spellCheck={false} />
      </label>
      <label className="field">
        Password
        <input type="password" value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })} required autoComplete="current-password" />
      </label>
    </>
  );
}

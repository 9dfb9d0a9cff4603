// ESLint flat config: TypeScript and React hooks rules, and the bulletproof-react import
// boundaries (shared code → features → app, never the other way, never feature → feature).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const boundaryZones = [
  // A feature is self-contained: it may not reach into another one; src/app composes them.
  ...FEATURES.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'Features do not import each other: move what they share to src/lib or src/components, or compose them in src/app.',
  })),
  {
    target: './src/features',
    from: './src/app',
    message: 'Features do not import from src/app; the app composes features, not the other way round.',
  },
  {
    target: ['./src/lib', './src/components'],
    from: ['./src/features', './src/app'],
    message: 'Shared code (src/lib, src/components) may not depend on features or the app.',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { import: importPlugin },
    settings: {
      // Resolve extension-less relative imports of .ts/.tsx files, so every import is checked.
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones: boundaryZones }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      // The CSP forbids style attributes; bar lengths and such are SVG attributes instead.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='style']",
          message: 'No style attributes: the app runs under style-src \'self\'. Use a class in the component\'s CSS file.',
        },
        {
          selector: "JSXOpeningElement[name.name='style']",
          message: 'No inline <style>: the app runs under style-src \'self\'.',
        },
        // Issue 19: a value pasted into a URL unencoded can add segments, a query or mailto: headers.
        {
          selector: "CallExpression[callee.name='apiRequest'] > TemplateLiteral[expressions.length>0]",
          message: 'Build API paths with path`…` from src/lib/urls.ts, which encodes each part.',
        },
        {
          selector: "JSXAttribute[name.name=/^(href|to)$/] TemplateLiteral[expressions.length>0]:not(TaggedTemplateExpression > TemplateLiteral)",
          message: 'Build links with path`…`, withQuery or mailtoHref from src/lib/urls.ts, which encode each part.',
        },
      ],
    },
  },
  {
    files: ['eslint.config.js', 'vite.config.ts', 'playwright.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // Node drives the browser; the callbacks given to page.evaluate run in the page.
    files: ['e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
);

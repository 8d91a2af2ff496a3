// ESLint: the TypeScript and React recommended sets, plus accessibility rules for JSX.
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      // `npm run bench` builds and generates its data there.
      "bench/.build/**",
      "bench/.data/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Only tests may import a route module (to call its loader or action).
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["#app/routes/*", "**/routes/*"], message: "Routes are leaves: import services and components instead." },
          ],
        },
      ],
    },
  },
  {
    // domain/ holds pure rules: no I/O, no database, no framework.
    files: ["app/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["#app/services/*", "#app/data/*", "#app/infra/*", "#app/routes/*", "kysely", "@remix-run/*", "node:*"],
              message: "domain/ is pure.",
            },
          ],
        },
      ],
    },
  },
  {
    // Routes call services, never queries.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["#app/data/*", "kysely"], message: "Routes call services, not data/." }] },
      ],
    },
  },
);

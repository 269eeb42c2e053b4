/** The names a generated plugin is made of. */
export interface PluginNames {
  /** The npm package name, also the plugin's name (`katamon-plugin-acme`, `@acme/katamon-plugin-ps`). */
  name: string;
  /** Short name for the resolver, the runtime and the sources (`acme`, `ps`). */
  kind: string;
}

// npm's rules for new package names: lowercase, URL-safe, at most 214 characters, an optional scope.
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const KIND = /^[a-z0-9][a-z0-9-]*$/;

/** Checks an npm name and derives the kind; throws an Error whose message says what is wrong. */
export function pluginNames(name: string): PluginNames {
  if (!PACKAGE_NAME.test(name) || name.length > 214) {
    throw new Error(`"${name}" is not a valid npm package name (lowercase letters, digits, - . _ ~, optional @scope/)`);
  }
  const bare = name.replace(/^@[^/]+\//, '');
  const kind = bare.replace(/^katamon-plugin-/, '').replace(/-katamon-plugin$/, '');
  if (!KIND.test(kind) || kind === 'katamon-plugin') {
    throw new Error(
      `cannot make a short name out of "${name}": use letters, digits and dashes, e.g. katamon-plugin-acme`,
    );
  }
  return { name, kind };
}

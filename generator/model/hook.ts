// A `$hook` reference inside the model's runtime specs: emitted as an imported identifier, never as data.

export class HookRef {
  constructor(
    /** Module path relative to the config file. */
    readonly module: string,
    /** The module's named export. */
    readonly name: string,
  ) {}

  /** Parses `./module.ts#name` (already validated by the config grammar). */
  static parse(ref: { readonly $hook: string }): HookRef {
    const at = ref.$hook.lastIndexOf("#");
    return new HookRef(ref.$hook.slice(0, at), ref.$hook.slice(at + 1));
  }

  /** Stands in for the runtime value (a Paginator, an Auth, a function) the generated code imports. */
  as<T>(): T {
    return this as unknown as T;
  }
}

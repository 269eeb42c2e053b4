import type { UserConfig } from 'vitest/config';
import type { InlineConfig } from 'vitest/node';

export declare function defineProject(dir: string, name: string, overrides?: InlineConfig): UserConfig;

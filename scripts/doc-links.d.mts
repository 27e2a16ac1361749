// Types of scripts/doc-links.mjs for the TypeScript tests that use it.
export declare function slug(text: string): string
export declare function anchorsOf(markdown: string): Set<string>
export declare function linksOf(markdown: string): { line: number; href: string }[]
export declare function markdownFiles(root: string): string[]
export declare function brokenLinks(root: string): string[]

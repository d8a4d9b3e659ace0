import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, parseSync } from 'vite';

const LAZY_HELPER = path.resolve('src/web/app/lazy.ts');
const FEATURE_INDEX = /[\\/]src[\\/]web[\\/]pages[\\/][^\\/]+[\\/]index\.tsx$/;
/** the feature module itself, under a second name: `pages/<f>/index.dk-impl.tsx` */
const IMPL = '.dk-impl.tsx';

const helperFrom = (id: string) =>
  path.relative(path.dirname(id), LAZY_HELPER).replaceAll('\\', '/').replace(/\.ts$/, '');

/** In a feature module: imports of its own components used only as JSX become React.lazy. */
function lazifyImports(code: string, id: string): string | null {
  let out = code;
  let changed = false;
  for (const m of code.matchAll(/^import\s+\{([^}]+)\}\s+from\s+'(\.\/[^']+)';?[ \t]*$/gm)) {
    const names = m[1]
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (names.some((n) => n.startsWith('type '))) continue;
    const bindings = names.map((n) => {
      const [imported, local] = n.split(/\s+as\s+/);
      return { imported, local: local ?? imported };
    });
    const rest = code.replace(m[0], '');
    const jsxOnly = bindings.every(({ local }) => {
      const uses = rest.match(new RegExp(`\\b${local}\\b`, 'g'))?.length ?? 0;
      const asJsx = rest.match(new RegExp(`</?${local}\\b`, 'g'))?.length ?? 0;
      return uses > 0 && uses === asJsx;
    });
    if (!jsxOnly) continue;
    out = out.replace(
      m[0],
      bindings.map((b) => `const ${b.local} = __lazyNamed(() => import('${m[2]}'), '${b.imported}');`).join('\n'),
    );
    changed = true;
  }
  return changed ? `import { lazyNamed as __lazyNamed } from '${helperFrom(id)}';\n${out}` : null;
}

// biome-ignore lint/suspicious/noExplicitAny: ESTree nodes from vite's parser
type Node = any;
const isStatic = (n: Node): boolean =>
  n.type === 'Literal' ||
  (n.type === 'TemplateLiteral' && n.expressions.length === 0) ||
  (n.type === 'UnaryExpression' && isStatic(n.argument)) ||
  (n.type === 'ArrayExpression' && n.elements.every((e: Node) => e && isStatic(e))) ||
  (n.type === 'ObjectExpression' &&
    n.properties.every((p: Node) => p.type === 'Property' && !p.computed && p.kind === 'init' && isStatic(p.value)));

/**
 * A feature's route table without its pages: `export const routes = [...]` with every literal
 * kept (path, menu, mobile, public) and each `element` replaced by a lazy element that loads the
 * feature module (`index.dk-impl.tsx`) when the route renders. null when the table is not plain
 * literals (then only the imports are made lazy).
 */
function routeTableOnly(code: string, id: string): string | null {
  const { program } = parseSync(id, code);
  for (const st of program.body as Node[]) {
    const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : null;
    const d = decl?.type === 'VariableDeclaration' ? decl.declarations[0] : null;
    if (d?.id?.name !== 'routes' || d.init?.type !== 'ArrayExpression') continue;
    const rows: string[] = [];
    for (const [i, el] of (d.init.elements as Node[]).entries()) {
      if (el?.type !== 'ObjectExpression') return null;
      const props: string[] = [];
      for (const p of el.properties as Node[]) {
        if (p.type !== 'Property' || p.computed) return null;
        if (p.key.name === 'element') continue;
        if (!isStatic(p.value)) return null;
        props.push(code.slice(p.start, p.end));
      }
      props.push(`element: __lazyRoute(__load, ${i})`);
      rows.push(`  { ${props.join(', ')} }`);
    }
    const impl = id.replace(/\.tsx$/, IMPL).replaceAll('\\', '/');
    return [
      `import { lazyRoute as __lazyRoute } from '${helperFrom(id)}';`,
      `const __load = () => import(${JSON.stringify(impl)});`,
      `export const routes = [\n${rows.join(',\n')}\n];`,
    ].join('\n');
  }
  return null;
}

/**
 * Route-level code splitting without touching the feature folders (decision 0052). At build
 * time each `src/web/pages/<feature>/index.tsx` is served as its route table only (paths and
 * menus, eager and tiny); the feature module itself loads when one of its routes renders, and
 * inside it each page component imported from the feature's own files is React.lazy too. A
 * feature whose table is not plain literals keeps its table eager and only gets lazy imports.
 * `vite dev` is unaffected (everything loads eagerly there).
 */
function lazyFeaturePages(): Plugin {
  return {
    name: 'dk-lazy-feature-pages',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      return source.endsWith(IMPL) ? source : null;
    },
    load(id) {
      if (!id.endsWith(IMPL)) return null;
      const real = `${id.slice(0, -IMPL.length)}.tsx`;
      this.addWatchFile(real);
      return fs.readFileSync(real, 'utf8');
    },
    transform(code, id) {
      if (id.endsWith(IMPL)) {
        const out = lazifyImports(code, id);
        return out ? { code: out, map: null } : null;
      }
      if (!FEATURE_INDEX.test(id)) return null;
      const out = routeTableOnly(code, id) ?? lazifyImports(code, id);
      return out ? { code: out, map: null } : null;
    },
  };
}

/**
 * Static files are compressed once, at build time (brotli q11 + gzip 9 beside each file); the
 * server sends the `.br`/`.gz` twin the browser accepts (@fastify/static preCompressed), so no
 * CPU is spent compressing on an exam morning.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'dk-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
          const f = path.join(dir, d.name);
          return d.isDirectory() ? walk(f) : [f];
        });
      for (const f of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(f)) continue;
        const buf = fs.readFileSync(f);
        if (buf.length < 1024) continue;
        fs.writeFileSync(
          `${f}.br`,
          zlib.brotliCompressSync(buf, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
            },
          }),
        );
        fs.writeFileSync(`${f}.gz`, zlib.gzipSync(buf, { level: 9 }));
      }
    },
  };
}

/**
 * The shared web components and query modules only declare things: marked free of side effects
 * so that importing one of them through a barrel (`import { useAction } from '../components'`)
 * does not pull every sibling (tables, uploads) into pages that use none of them.
 */
function pureSharedModules(): Plugin {
  return {
    name: 'dk-pure-shared-modules',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]src[\\/]web[\\/](components|queries)[\\/][^?]*\.tsx?$/.test(id)) return null;
      return { code, map: null, moduleSideEffects: false };
    },
  };
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), lazyFeaturePages(), pureSharedModules(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // a feature module loaded by its routes is named after the feature (e.g. exam-routes-…js)
        chunkFileNames: (c) => {
          const m = c.facadeModuleId?.match(/[\\/]pages[\\/]([^\\/]+)[\\/]index\.dk-impl\.tsx$/);
          return m ? `assets/${m[1]}-routes-[hash].js` : 'assets/[name]-[hash].js';
        },
        // React, the router and react-query change rarely: one long-cached chunk every page shares.
        // antd is left to automatic splitting, so a page loads only the components it uses.
        codeSplitting: {
          groups: [
            {
              name: 'vendor-react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
});

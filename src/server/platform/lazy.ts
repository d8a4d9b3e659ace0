/**
 * Heavy libraries loaded on first use instead of at start. Every process loads the whole module
 * graph (the job runner discovers every module's jobs), so a static import of exceljs, sharp, pdfkit or
 * pdf-lib cost each `npm run worker` process ≈ 30 MB apiece before it ran a single job; an export
 * worker needs none of them (bench/README.md, export job RSS). Node caches the module after the
 * first call, so later calls cost nothing.
 */
export const loadExcel = async () => (await import('exceljs')).default;
export const loadSharp = async () => (await import('sharp')).default;
export const loadPdfLib = async () => await import('pdf-lib');
export const loadFileType = async () => await import('file-type');
export const loadPdfKit = async () => (await import('pdfkit')).default;

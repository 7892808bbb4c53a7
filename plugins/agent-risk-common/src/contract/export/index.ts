export { csvExportFileName } from './csvFileName';
export type { CsvFileNameFilters } from './csvFileName';

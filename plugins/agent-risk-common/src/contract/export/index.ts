export { csvExportFileName } from './csvFileName';

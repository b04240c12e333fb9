export { databaseHandlers } from './database.handlers';
export { writeDatabaseConfig, readDatabaseConfig, DATABASE_CONFIG_FILE } from './database-config';
export type { PasswordEncryptor, DatabaseChoice } from './database-config';
export { testPostgresConnection, explainConnectionFailure } from './database-probe.repository';

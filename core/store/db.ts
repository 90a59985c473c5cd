import type Database from 'better-sqlite3';

/**
 * An open database. Its own module: the files that open, migrate and back up the database all
 * take one, and importing it from database.ts would tie them into a cycle.
 */
export type Db = Database.Database;

/**
 * How good is an ensemble confined to one loss basin (after Lion et al. 2024)? Spawned children, members aligned
 * by weight matching, students distilled inside one basin, and the barriers that measure how connected each
 * ensemble's models are.
 */
package dev.basin.activities.basin;

// School classes are the groups of students written <grade>-<class> (3-2, 10-1).

const CLASS = /^[0-9]+-[0-9A-Za-z]+$/

export function isClass(group: string | null | undefined): boolean {
  return !!group && CLASS.test(group)
}

/** Each value once, in natural order: 2-1 before 10-1, 3-2 before 3-10. */
export function naturalSort(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
}

/** The school classes among the groups of students, each once, in natural order. */
export function classesOf(groups: Iterable<string | null | undefined>): string[] {
  const out: string[] = []
  for (const g of groups) if (g && isClass(g)) out.push(g)
  return naturalSort(out)
}

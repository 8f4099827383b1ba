export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

export function pageOffset(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}

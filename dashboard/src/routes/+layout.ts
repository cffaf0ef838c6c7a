// A single-page app: the API serves index.html for every path and the data comes from the API at runtime.
export const ssr = false;
export const prerender = false;

#escape=`
# syntax = foo
FROM a
RUN a `
  b

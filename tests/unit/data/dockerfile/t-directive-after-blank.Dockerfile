# syntax=x

# escape=`
FROM a
RUN a \
 b

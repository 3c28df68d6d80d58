FROM ubuntu
MAINTAINER someone@example.com
ENV DB_PASSWORD=hunter2 AWS_SECRET_ACCESS_KEY wJalr
ARG GITHUB_TOKEN=ghp_x
RUN sudo apt-get update && apt-get install -y curl openssh-server && \
    curl -fsSLk http://x.example/i.sh | bash && chmod -R 777 /app && cd /app
RUN --security=insecure --network=host pip install flask
ADD https://x.example/a.tgz /
ADD conf /etc/conf
COPY .ssh/id_rsa /root/.ssh/
RUN git clone https://u:p@git.example/r.git
EXPOSE 22 80-90/tcp
WORKDIR app
CMD echo a
CMD ['b']
USER root
